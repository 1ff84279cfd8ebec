package io.mcpbridge.homesim.home;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal file: locking, reading new lines, appending. Every access runs inside
 * {@link #locked}: a shared file lock to read, an exclusive one to append, so a reader
 * never sees half of a line being written and appends never interleave, across processes.
 */
final class JournalFile implements Closeable {

	/**
	 * FileChannel locks are held by the whole JVM (a second overlapping lock throws
	 * instead of waiting), so threads, and several instances on one file (tests), first
	 * take this in-process lock, one per file.
	 */
	private static final ConcurrentMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

	@FunctionalInterface
	interface Body<T> {

		T run() throws IOException;

	}

	private final Path path;

	private final ReentrantLock processLock;

	private final JournalReader reader = new JournalReader();

	/** Guarded by processLock; reopened if an interrupt closed it. */
	private FileChannel channel;

	JournalFile(Path path) throws IOException {
		this.path = path;
		this.channel = openChannel();
		this.processLock = PROCESS_LOCKS.computeIfAbsent(path.toRealPath(), p -> new ReentrantLock());
	}

	<T> T locked(boolean shared, Body<T> body) {
		// An interrupt during FileChannel I/O closes the channel (for all threads): run
		// the I/O uninterrupted.
		boolean interrupted = Thread.interrupted();
		this.processLock.lock();
		try {
			if (!this.channel.isOpen()) {
				this.channel = openChannel();
			}
			try (FileLock lock = this.channel.lock(0, Long.MAX_VALUE, shared)) {
				return body.run();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("state file " + this.path + ": " + ex, ex);
		}
		finally {
			this.processLock.unlock();
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	boolean isEmpty() throws IOException {
		return this.channel.size() == 0;
	}

	/** Passes the lines appended since the previous call, in order. */
	void readNew(JournalReader.Lines lines) throws IOException {
		if (this.channel.size() < this.reader.offset()) {
			throw new IllegalStateException("state file " + this.path + " shrank: it was replaced; restart home-sim");
		}
		this.reader.readNew(this.channel, lines);
	}

	/**
	 * One positional write at the end, then past it: this process has applied the line
	 * already. No force(): other processes see the write through the page cache as soon
	 * as it returns, and a killed process loses nothing. fsync would only survive an OS
	 * crash, and measured ~1 ms median, 10-60 ms p99 per write, held under the exclusive
	 * lock that every reader in every process waits for.
	 */
	void append(byte[] line) throws IOException {
		long position = this.channel.size();
		ByteBuffer bytes = ByteBuffer.wrap(line);
		if (this.reader.offset() < position) {
			// A writer died mid-line. Terminate that line so it stays one garbage line,
			// skipped by every process,
			// instead of swallowing ours.
			warn(this.reader.offset(), "torn line (no newline)");
			bytes = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
		}
		while (bytes.hasRemaining()) {
			position += this.channel.write(bytes, position);
		}
		this.reader.skipTo(position);
	}

	void warn(long start, String reason) {
		System.err
			.println("home-sim: state file " + this.path + ": skipping the line at byte " + start + ": " + reason);
	}

	private FileChannel openChannel() throws IOException {
		return FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
	}

	@Override
	public void close() throws IOException {
		this.processLock.lock();
		try {
			this.channel.close();
		}
		finally {
			this.processLock.unlock();
		}
	}

}
