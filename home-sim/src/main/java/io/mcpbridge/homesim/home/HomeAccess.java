package io.mcpbridge.homesim.home;

import java.util.function.Function;

/**
 * How the tools reach the home: every read and every change goes through here, so a
 * shared home ({@link JournaledHome}) can catch up with other processes first and journal
 * the change.
 */
public interface HomeAccess {

	/**
	 * Runs a query against a home that is up to date with every change made before this
	 * call.
	 */
	<T> T read(Function<Home, T> query);

	/**
	 * Validates and applies a change. @throws HomeException for a bad request, which then
	 * changes nothing
	 */
	EntityState write(Mutation mutation);

	/** One process, one home: the behaviour without {@code --state-file}. */
	static HomeAccess inMemory(Home home) {
		return new HomeAccess() {

			@Override
			public <T> T read(Function<Home, T> query) {
				return query.apply(home);
			}

			@Override
			public EntityState write(Mutation mutation) {
				return home.apply(mutation);
			}

		};
	}

}
