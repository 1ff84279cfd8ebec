package io.mcpbridge.worker.pool;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops a pool's processes off the pool's lock and off the callers' threads: stopping one
 * takes up to twice {@link ClientFactory#CLOSE_GRACE} (stdin closed, then SIGTERM, then
 * SIGKILL). One thread per process being stopped, so the threads are bounded by the
 * processes the pool ever runs at once.
 */
final class ProcessCloser {

	private final ExecutorService executor;

	private final AtomicInteger closingUnhealthy = new AtomicInteger();

	ProcessCloser(String upstream) {
		this.executor = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "mcp-stop-" + upstream);
			thread.setDaemon(true);
			return thread;
		});
	}

	/** A healthy process the pool no longer wants. */
	void closeIdle(PooledClient client) {
		run(() -> client.close(ClientFactory.CLOSE_GRACE));
	}

	/** A process that died or failed its health check; counted until it is gone. */
	void closeUnhealthy(PooledClient client) {
		closingUnhealthy.incrementAndGet();
		run(() -> {
			try {
				client.close(ClientFactory.CLOSE_GRACE);
			}
			finally {
				closingUnhealthy.decrementAndGet();
			}
		});
	}

	int closingUnhealthy() {
		return closingUnhealthy.get();
	}

	/**
	 * Stops the given processes in parallel, waits for them and for any stop still in
	 * progress.
	 */
	void closeAll(List<PooledClient> clients) {
		CompletableFuture
			.allOf(clients.stream()
				.map(client -> CompletableFuture.runAsync(() -> client.close(ClientFactory.CLOSE_GRACE), executor))
				.toArray(CompletableFuture[]::new))
			.join();
		executor.shutdown();
		try {
			executor.awaitTermination(ClientFactory.CLOSE_GRACE.multipliedBy(3).toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run(Runnable close) {
		try {
			executor.execute(close);
		}
		catch (RejectedExecutionException ex) {
			close.run(); // the pool has stopped: close here rather than leave a process
							// behind
		}
	}

}
