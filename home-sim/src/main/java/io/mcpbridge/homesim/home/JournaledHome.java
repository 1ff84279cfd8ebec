package io.mcpbridge.homesim.home;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A home shared by every process given the same journal file ({@code --state-file}). The
 * journal is the truth: each process's {@link Home} is the replay of it, in file order,
 * and each line carries the instant its writer chose, so every process has the same
 * states, history and last_changed. Before any read or write a process catches up with
 * the lines appended since its last read; a write appends under the exclusive lock, after
 * validating against the state every other process will have when it replays the line.
 */
public final class JournaledHome implements HomeAccess, Closeable {

	private final Home home;

	private final JournalFile file;

	private final JournalCodec codec = new JournalCodec();

	private final Path path;

	private JournaledHome(Path path, Home home) throws IOException {
		this.path = path;
		this.home = home;
		this.file = new JournalFile(path);
	}

	/**
	 * Opens the journal (created if missing) and replays it into {@code home}, a fresh
	 * home built with the journal's seed. @throws IllegalStateException when the journal
	 * was started with another seed: replay would diverge
	 */
	public static JournaledHome open(Path path, Home home) throws IOException {
		JournaledHome journaled = new JournaledHome(path, home);
		try {
			journaled.file.locked(false, () -> {
				journaled.catchUp();
				if (journaled.file.isEmpty()) {
					journaled.file.append(journaled.codec.header(home.seed()));
				}
				return null;
			});
			return journaled;
		}
		catch (RuntimeException ex) {
			journaled.close();
			throw ex;
		}
	}

	@Override
	public <T> T read(Function<Home, T> query) {
		return this.file.locked(true, () -> {
			catchUp();
			return query.apply(this.home);
		});
	}

	@Override
	public EntityState write(Mutation mutation) {
		return this.file.locked(false, () -> {
			catchUp();
			Instant at = this.home.now();
			byte[] line = this.codec.encode(mutation, at);
			// Apply what the others will replay (the JSON round trip), not the caller's
			// objects: identical state.
			Mutation replayed = this.codec.decode(Arrays.copyOf(line, line.length - 1)).mutation();
			Home.Prepared prepared = this.home.prepare(replayed, at);
			if (prepared.changes()) {
				this.file.append(line);
			}
			this.home.commit(prepared);
			return prepared.state();
		});
	}

	private void catchUp() throws IOException {
		this.file.readNew(this::replay);
	}

	private void replay(long start, byte[] line) {
		JournalCodec.Entry entry;
		try {
			if (line == null) {
				throw new IllegalArgumentException("longer than " + JournalCodec.MAX_LINE_BYTES + " bytes");
			}
			entry = this.codec.decode(line);
		}
		catch (IllegalArgumentException ex) {
			this.file.warn(start, ex.getMessage());
			return;
		}
		if (entry.mutation() == null) {
			if (entry.seed() != this.home.seed()) {
				throw new IllegalStateException("state file " + this.path + " was started with --seed=" + entry.seed()
						+ ", this process has --seed=" + this.home.seed());
			}
			return;
		}
		try {
			this.home.commit(this.home.prepare(entry.mutation(), entry.at()));
		}
		catch (RuntimeException ex) {
			// Every process skips the same line the same way, so they stay identical.
			this.file.warn(start, "cannot apply: " + ex.getMessage());
		}
	}

	@Override
	public void close() throws IOException {
		this.file.close();
	}

}
