package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.session.Session;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

/**
 * The session era's GET stream for messages outside requests. The bridge sends none yet
 * (change notifications of shared upstream processes are not routed to sessions), so the
 * stream only keeps alive, bounded in time (the client reconnects) and in number.
 * Offering it rather than 405 lets clients that insist on one work.
 */
@Component
class StandaloneStreams {

	private final StreamScheduler scheduler;

	private final long keepAliveMs;

	private final long maxDurationMs;

	StandaloneStreams(StreamScheduler scheduler, GatewayProperties properties) {
		this.scheduler = scheduler;
		this.keepAliveMs = properties.mcp().keepAlive().toMillis();
		this.maxDurationMs = properties.mcp().standaloneStreamMaxDuration().toMillis();
	}

	void open(HttpServletRequest http, Session session) {
		scheduler.acquire();
		AsyncContext async = http.startAsync();
		async.setTimeout(maxDurationMs);
		HttpServletResponse response = (HttpServletResponse) async.getResponse();
		response.setHeader(SessionEra.SESSION_HEADER, session.id());
		AtomicBoolean ended = new AtomicBoolean();
		AtomicReference<ScheduledFuture<?>> keepAlive = new AtomicReference<>();
		Runnable end = () -> {
			if (ended.compareAndSet(false, true)) {
				ScheduledFuture<?> task = keepAlive.get();
				if (task != null) {
					task.cancel(false);
				}
				scheduler.release();
				try {
					async.complete();
				}
				catch (IllegalStateException ex) {
					// Already ended by the container.
				}
			}
		};
		async.addListener(new AsyncEnd(end, end, end));
		try {
			SseWriter stream = SseWriter.start(response);
			keepAlive.set(scheduler.every(keepAliveMs, () -> {
				try {
					synchronized (stream) {
						stream.comment("keep-alive");
					}
				}
				catch (IOException ex) {
					end.run();
				}
			}));
		}
		catch (IOException ex) {
			end.run();
		}
	}

}
