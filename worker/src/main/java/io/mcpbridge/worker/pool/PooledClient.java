package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.mcpbridge.worker.stdio.CallCancelledException;
import io.mcpbridge.worker.stdio.CallListener;
import io.mcpbridge.worker.stdio.ChannelClosedException;
import io.mcpbridge.worker.stdio.ChildNotReadingException;
import io.mcpbridge.worker.stdio.JsonRpcChannel;
import io.mcpbridge.worker.stdio.JsonRpcException;
import io.mcpbridge.worker.stdio.StdioChild;

/**
 * One initialized MCP connection to one child process, running up to the pool's
 * {@code max-concurrent-per-process} calls at once (the channel numbers them).
 */
final class PooledClient {

	private static final Logger log = LoggerFactory.getLogger(PooledClient.class);

	/** After the channel closed, how long to wait for the exit code that explains why. */
	private static final Duration EXIT_WAIT = Duration.ofSeconds(1);

	/**
	 * Closing stdin takes the writer thread a moment; longer means a write is stuck on a
	 * child not reading.
	 */
	private static final Duration STDIN_CLOSE_WAIT = Duration.ofSeconds(1);

	private final String upstream;

	private final int slot;

	private final StdioChild child;

	private final JsonRpcChannel channel;

	private final JsonNode initializeResult;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * When the client last went idle (System.nanoTime()); the idle timeout counts from
	 * here.
	 */
	private volatile long idleSinceNanos = System.nanoTime();

	/** When the client last proved alive: went idle after a call, or answered a ping. */
	private volatile long lastSeenHealthyNanos = idleSinceNanos;

	/**
	 * Its last call got no answer (timed out, or not even sent): it must answer a ping
	 * before the next.
	 */
	private volatile boolean lastCallUnanswered;

	/** Calls running on it. Guarded by the pool's lock, like {@link #exclusive}. */
	private int inFlight;

	/**
	 * The call running on it must be its only one (see
	 * {@link CallListener#needsOwnProcess()}).
	 */
	private boolean exclusive;

	PooledClient(String upstream, int slot, StdioChild child, JsonRpcChannel channel, JsonNode initializeResult) {
		this.upstream = upstream;
		this.slot = slot;
		this.child = child;
		this.channel = channel;
		this.initializeResult = initializeResult;
	}

	int slot() {
		return slot;
	}

	/** The child's answer to {@code initialize}. */
	JsonNode initializeResult() {
		return initializeResult;
	}

	long pid() {
		return child.pid();
	}

	boolean isAlive() {
		return !closed.get() && channel.isOpen() && child.isAlive();
	}

	/**
	 * Sends one request and waits at most {@code budget} for its answer. A child that
	 * dies fails the call at once (its stdout closes), never after the timeout; a call
	 * that times out is cancelled upstream with {@code notifications/cancelled}.
	 * @throws JsonRpcException the child answered with an error
	 * @throws UpstreamCrashedException the child died or closed its output first
	 * @throws UpstreamUnavailableException the child stopped reading its stdin: the call
	 * was not sent
	 * @throws CallTimeoutException no answer within the budget
	 */
	JsonNode call(String method, JsonNode params, CallListener listener, Duration budget) {
		if (!isAlive()) {
			throw new UpstreamCrashedException(upstream, child.describe());
		}
		JsonRpcChannel.Call call = channel.request(method, params, listener);
		CompletableFuture<String> cancellation = listener.cancellation();
		if (cancellation != null) {
			cancellation.thenAccept(reason -> channel.cancel(call.id(), reason));
		}
		try {
			JsonNode result = call.answer().get(budget.toNanos(), TimeUnit.NANOSECONDS);
			// An answer proves the process alive, even if another call of it timed out
			// before.
			markHealthy(System.nanoTime());
			return result;
		}
		catch (TimeoutException ex) {
			lastCallUnanswered = true;
			channel.cancel(call.id(), "timed out after " + budget.toMillis() + " ms");
			throw new CallTimeoutException(upstream, budget);
		}
		catch (InterruptedException ex) {
			channel.cancel(call.id(), "the worker stopped waiting");
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException(upstream, "interrupted while waiting for the upstream");
		}
		catch (ExecutionException ex) {
			throw translate(ex.getCause());
		}
	}

	int inFlight() {
		return inFlight;
	}

	/**
	 * Whether one more call may start on it, {@code perProcess} being the most it runs at
	 * once.
	 */
	boolean hasRoom(int perProcess) {
		return !exclusive && inFlight < perProcess;
	}

	void callStarted(boolean alone) {
		inFlight++;
		exclusive = alone;
	}

	/**
	 * @return the calls still running on it
	 */
	int callEnded() {
		inFlight = Math.max(0, inFlight - 1);
		if (inFlight == 0) {
			exclusive = false;
		}
		return inFlight;
	}

	void markIdle(long nowNanos) {
		idleSinceNanos = nowNanos;
		lastSeenHealthyNanos = nowNanos;
	}

	void markHealthy(long nowNanos) {
		lastSeenHealthyNanos = nowNanos;
		lastCallUnanswered = false;
	}

	/**
	 * A frozen child fails every call it gets by timeout; this makes the pool check it
	 * after the first.
	 */
	boolean lastCallUnanswered() {
		return lastCallUnanswered;
	}

	long idleNanos(long nowNanos) {
		return nowNanos - idleSinceNanos;
	}

	boolean dueForHealthCheck(long nowNanos, Duration interval) {
		return nowNanos - lastSeenHealthyNanos >= interval.toNanos();
	}

	/**
	 * Sends an MCP {@code ping}; completes with true when it is answered within
	 * {@code timeout}, false when it is not, fails, or the process is gone. Never
	 * completes exceptionally.
	 */
	CompletableFuture<Boolean> ping(Duration timeout) {
		if (!isAlive()) {
			return CompletableFuture.completedFuture(false);
		}
		// orTimeout fails the pending request itself, so the channel forgets it; a ping
		// needs no cancel.
		JsonRpcChannel.Call call = channel.request("ping", null, CallListener.NONE);
		return call.answer().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((result, failure) -> {
			if (failure != null) {
				log.warn("upstream {}#{} (pid {}) failed its health check: {}", upstream, slot, pid(),
						failure instanceof TimeoutException ? "no answer to ping within " + timeout.toMillis() + " ms"
								: failure.toString());
				return false;
			}
			return true;
		});
	}

	/**
	 * Closes stdin (the child's cue to exit), then SIGTERM and SIGKILL after
	 * {@code grace} each. A child that stopped reading cannot get that cue (the write
	 * stuck on it keeps stdin open until the child dies), so it gets SIGTERM at once.
	 */
	void close(Duration grace) {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		channel.close();
		boolean toldToExit = channel.stdinClosed()
			.thenApply(done -> true)
			.completeOnTimeout(false, STDIN_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
		child.stop(toldToExit ? grace : Duration.ZERO, grace, log);
	}

	private RuntimeException translate(Throwable failure) {
		if (failure instanceof JsonRpcException || failure instanceof CallCancelledException) {
			return (RuntimeException) failure;
		}
		if (failure instanceof ChildNotReadingException) {
			lastCallUnanswered = true;
			return new UpstreamUnavailableException(upstream, failure.getMessage(), failure);
		}
		if (failure instanceof ChannelClosedException) {
			child.awaitExit(EXIT_WAIT);
			return new UpstreamCrashedException(upstream, child.describe());
		}
		return new IllegalStateException("call to " + upstream + "#" + slot + " failed", failure);
	}

}
