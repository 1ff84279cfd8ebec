package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** One initialized MCP client over one child process. Safe for concurrent calls (MCP multiplexes). */
final class PooledClient {

	private static final Logger log = LoggerFactory.getLogger(PooledClient.class);

	private final String upstream;

	private final int slot;

	private final McpAsyncClient client;

	private final Process process;

	private final McpSchema.InitializeResult initializeResult;

	private final AtomicBoolean closed = new AtomicBoolean();

	PooledClient(String upstream, int slot, McpAsyncClient client, Process process,
			McpSchema.InitializeResult initializeResult) {
		this.upstream = upstream;
		this.slot = slot;
		this.client = client;
		this.process = process;
		this.initializeResult = initializeResult;
	}

	int slot() {
		return slot;
	}

	McpSchema.InitializeResult initializeResult() {
		return initializeResult;
	}

	Optional<Long> pid() {
		return Optional.ofNullable(process).map(Process::pid);
	}

	boolean isAlive() {
		return !closed.get() && (process == null || process.isAlive());
	}

	/**
	 * Runs one request on this client and waits at most {@code budget}. The call races the process's
	 * exit: the SDK does not fail pending requests when the child dies, it would only time out.
	 */
	<T> T call(Function<McpAsyncClient, Mono<T>> operation, Duration budget) {
		if (!isAlive()) {
			throw new UpstreamCrashedException(upstream, exitDescription());
		}
		Mono<T> call = Mono.defer(() -> operation.apply(client));
		Mono<T> crash = process == null ? Mono.never()
				: Mono.fromFuture(process.onExit(), true)
					.then(Mono.error(() -> new UpstreamCrashedException(upstream, exitDescription())));
		return Mono.firstWithSignal(call, crash)
			.timeout(budget, Mono.error(() -> new CallTimeoutException(upstream, budget)))
			.block();
	}

	/** Closes the MCP session (SIGTERM to the child), then kills whatever of its tree is left. */
	void close(Duration grace) {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		// Snapshot the tree first: once the child exits, its own children are re-parented and lost.
		List<ProcessHandle> tree = process == null ? List.of()
				: process.toHandle().descendants().toList();
		try {
			client.closeGracefully().block(grace);
		}
		catch (RuntimeException ex) {
			log.debug("upstream {}#{}: graceful close failed: {}", upstream, slot, ex.toString());
		}
		if (process != null && process.isAlive()) {
			log.warn("upstream {}#{}: pid {} still running after {} ms, killing it", upstream, slot, process.pid(),
					grace.toMillis());
			process.destroyForcibly();
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private String exitDescription() {
		if (process == null) {
			return "transport closed";
		}
		return process.isAlive() ? "transport closed" : "pid " + process.pid() + " exited with " + process.exitValue();
	}
}
