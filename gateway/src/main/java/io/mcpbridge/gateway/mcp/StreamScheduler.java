package io.mcpbridge.gateway.mcp;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.gateway.config.GatewayProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the periodic work of the SSE streams: keep-alives and polls of the streams that
 * live outside a pending request (GET streams and resumed streams), which count against
 * {@code bridge.mcp.max-streams}, and the disconnect checks of pending 2026-07-28
 * requests (bounded by {@code bridge.queue.max-pending}, not counted here).
 */
@Component
class StreamScheduler implements DisposableBean {

	private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "mcp-streams");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger open = new AtomicInteger();

	private final int maxStreams;

	StreamScheduler(GatewayProperties properties) {
		this.maxStreams = properties.mcp().maxStreams();
	}

	/**
	 * Takes a stream slot; 503 when all are in use. Give it back with {@link #release()}.
	 */
	void acquire() {
		if (open.incrementAndGet() > maxStreams) {
			open.decrementAndGet();
			throw new McpError(503, JsonRpcCodes.SERVER_ERROR,
					"this gateway serves " + maxStreams + " streams already; retry later");
		}
	}

	void release() {
		open.decrementAndGet();
	}

	ScheduledFuture<?> every(long periodMs, Runnable task) {
		return executor.scheduleWithFixedDelay(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
	}

	ScheduledFuture<?> after(long delayMs, Runnable task) {
		return executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}

}
