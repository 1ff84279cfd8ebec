package io.mcpbridge.worker.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a channel's messages to the child's stdin from a thread of its own, whole lines
 * in the order they were queued.
 *
 * <p>
 * A write to a pipe blocks once the child stops reading and the pipe's 64 KB are full.
 * Only this thread may block there: senders just queue, and the queue is bounded, so a
 * child that does not read makes sends fail at once instead of holding the callers'
 * threads or the worker's memory. Closing does not wait for a write either (closing the
 * JDK's buffered stream takes the lock a stuck write holds): this thread closes stdin
 * itself when it is done, and a write stuck on a frozen child fails once the child is
 * killed.
 */
final class StdinWriter {

	/**
	 * The pool sends one call at a time per process, plus its cancellation, answers to
	 * the child's own requests and health-check pings: a handful of messages. Hundreds
	 * waiting means the child stopped reading; keeping more would only hold memory for
	 * requests whose callers give up anyway.
	 */
	static final int MAX_QUEUED_MESSAGES = 256;

	/**
	 * A few large arguments must not pile up unbounded memory either. When nothing waits,
	 * one message is accepted whatever its size, so that a large argument can always be
	 * sent.
	 */
	static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(StdinWriter.class);

	/** {@code requestId} is 0 for anything but a request. */
	private record Outgoing(byte[] line, long requestId) {
	}

	private final String name;

	private final OutputStream stdin;

	private final LongPredicate awaited;

	private final Consumer<IOException> onWriteFailure;

	private final Thread thread;

	private final CompletableFuture<Void> stdinClosed = new CompletableFuture<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition queuedOrClosed = lock.newCondition();

	// Guarded by lock.
	private final Deque<Outgoing> queue = new ArrayDeque<>();

	private long queuedBytes;

	private boolean closed;

	/**
	 * @param awaited whether someone still waits for the answer to a request: one given
	 * up while queued (timed out, cancelled) is not written, so a child that resumes does
	 * no work for nobody
	 * @param onWriteFailure called once, on this writer's thread, when stdin breaks
	 */
	StdinWriter(String name, OutputStream stdin, LongPredicate awaited, Consumer<IOException> onWriteFailure) {
		this.name = name;
		this.stdin = stdin;
		this.awaited = awaited;
		this.onWriteFailure = onWriteFailure;
		this.thread = new Thread(this::writeLoop, "mcp-stdin-" + name);
		thread.setDaemon(true);
	}

	void start() {
		thread.start();
	}

	/**
	 * Queues one line (ending in {@code \n}); never blocks.
	 * @param requestId the id of a request, 0 for a notification or an answer
	 * @throws ChildNotReadingException the queue is full
	 * @throws ChannelClosedException the writer was closed
	 */
	void send(byte[] line, long requestId) {
		lock.lock();
		try {
			if (closed) {
				throw new ChannelClosedException("the channel to " + name + " is closed");
			}
			boolean full = queue.size() >= MAX_QUEUED_MESSAGES
					|| (!queue.isEmpty() && queuedBytes + line.length > MAX_QUEUED_BYTES);
			if (full) {
				throw new ChildNotReadingException(name + " is not reading its stdin: " + queue.size() + " messages ("
						+ queuedBytes / 1024 + " KB) are still waiting to be written to it");
			}
			queue.addLast(new Outgoing(line, requestId));
			queuedBytes += line.length;
			queuedOrClosed.signal();
		}
		finally {
			lock.unlock();
		}
	}

	int queued() {
		lock.lock();
		try {
			return queue.size();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Drops what is still queued and lets the writer close stdin; returns at once, even
	 * while a write is stuck.
	 */
	void close() {
		lock.lock();
		try {
			closed = true;
			queue.clear();
			queuedBytes = 0;
			queuedOrClosed.signal();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Completes once stdin is closed: right after {@link #close()}, or when a stuck write
	 * fails.
	 */
	CompletableFuture<Void> stdinClosed() {
		return stdinClosed.copy();
	}

	private void writeLoop() {
		try {
			Outgoing next;
			while ((next = take()) != null) {
				if (next.requestId() == 0 || awaited.test(next.requestId())) {
					stdin.write(next.line());
					stdin.flush();
				}
			}
		}
		catch (IOException ex) {
			onWriteFailure.accept(ex);
		}
		finally {
			closeStdin();
			stdinClosed.complete(null);
		}
	}

	/** The next line to write; null once closed. */
	private Outgoing take() {
		lock.lock();
		try {
			while (queue.isEmpty() && !closed) {
				queuedOrClosed.awaitUninterruptibly();
			}
			if (closed) {
				return null;
			}
			Outgoing next = queue.removeFirst();
			queuedBytes -= next.line().length;
			return next;
		}
		finally {
			lock.unlock();
		}
	}

	private void closeStdin() {
		try {
			stdin.close();
		}
		catch (IOException ex) {
			log.trace("{}: closing stdin: {}", name, ex.toString());
		}
	}

}
