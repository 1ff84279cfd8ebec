package io.mcpbridge.common.tenants;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Looks at a {@link TenantsFileSource} every interval on a daemon thread of its own and
 * hands a changed, valid file to {@code loaded}, the message of an invalid one to
 * {@code refused}. The gateway and the worker both watch the tenants file this way.
 */
public final class TenantsFileWatch implements AutoCloseable {

	private final ScheduledExecutorService timer;

	private TenantsFileWatch(ScheduledExecutorService timer) {
		this.timer = timer;
	}

	public static TenantsFileWatch start(TenantsFileSource source, Duration every, Consumer<List<Tenant>> loaded,
			Consumer<String> refused) {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "tenants-file-reload");
			thread.setDaemon(true);
			return thread;
		});
		long everyMs = every.toMillis();
		timer.scheduleWithFixedDelay(() -> look(source, loaded, refused), everyMs, everyMs, TimeUnit.MILLISECONDS);
		return new TenantsFileWatch(timer);
	}

	/**
	 * One look at the file; exceptions of the consumers are reported, never end the
	 * timer.
	 */
	public static void look(TenantsFileSource source, Consumer<List<Tenant>> loaded, Consumer<String> refused) {
		try {
			TenantsFileSource.Outcome outcome = source.reloadIfChanged();
			if (outcome instanceof TenantsFileSource.Outcome.Loaded changed) {
				loaded.accept(changed.tenants());
			}
			else if (outcome instanceof TenantsFileSource.Outcome.Refused invalid) {
				refused.accept(invalid.message());
			}
		}
		catch (RuntimeException bug) {
			// scheduleWithFixedDelay stops for good on an exception: report it instead.
			refused.accept(source.file() + ": could not be applied (" + bug.getClass().getSimpleName() + ")");
		}
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
