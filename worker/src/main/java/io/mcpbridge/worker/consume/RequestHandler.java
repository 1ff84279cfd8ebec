package io.mcpbridge.worker.consume;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.worker.relay.CallRelays;
import io.mcpbridge.worker.relay.RelayedCall;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.config.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Turns one decoded request of a configured upstream into its reply. Never throws for an
 * expected outcome: a failure is a reply too, so the client never waits for nothing.
 */
@Component
class RequestHandler {

	static final String CALL_TIMER = "mcp.worker.call.duration";

	private final UpstreamMethods methods;

	private final FailureClassifier classifier;

	private final MeterRegistry meters;

	private final CallRelays relays;

	private final String workerId;

	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	RequestHandler(UpstreamMethods methods, FailureClassifier classifier, MeterRegistry meters, CallRelays relays,
			WorkerProperties properties) {
		this.relays = relays;
		this.methods = methods;
		this.classifier = classifier;
		this.meters = meters;
		this.workerId = properties.worker().id();
	}

	ReplyEnvelope handle(RequestEnvelope request) {
		long started = System.nanoTime();
		ReplyEnvelope reply = reply(request);
		// The method comes from the client: unknown values must not create new time
		// series.
		String method = Methods.SUPPORTED.contains(request.method()) ? request.method() : "unsupported";
		timers.computeIfAbsent(new TimerKey(request.upstream(), method, outcome(reply)), this::timer)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return reply;
	}

	/**
	 * Built once per key rather than looked up by name and tags on every call. Bounded:
	 * upstreams are configured, methods and outcomes are fixed sets.
	 */
	private Timer timer(TimerKey key) {
		return Timer.builder(CALL_TIMER)
			.description("Time to execute one request on its upstream, by outcome")
			.tag("upstream", key.upstream())
			.tag("method", key.method())
			.tag("outcome", key.outcome())
			// Buckets, not only a sum: the mean hides whether the cost is every call or a
			// long tail.
			.publishPercentileHistogram()
			.register(meters);
	}

	private record TimerKey(String upstream, String method, String outcome) {
	}

	private ReplyEnvelope reply(RequestEnvelope request) {
		if (request.isExpired(System.currentTimeMillis())) {
			return ReplyEnvelope.failure(request, ReplyError.of(ErrorCode.TIMEOUT_IN_QUEUE,
					"the deadline passed while the request was queued; it was not executed"), workerId);
		}
		try (RelayedCall relay = relays.open(request)) {
			UpstreamMethods.Result result = methods.execute(request, relay);
			return result.cacheExpiresEpochMs() == null ? ReplyEnvelope.success(request, result.result(), workerId)
					: ReplyEnvelope.cachedSuccess(request, result.result(), workerId, result.cacheExpiresEpochMs());
		}
		catch (RuntimeException ex) {
			return ReplyEnvelope.failure(request, classifier.classify(ex), workerId);
		}
	}

	private static String outcome(ReplyEnvelope reply) {
		if (reply.isSuccess()) {
			return reply.cached() ? "cached" : "success";
		}
		return reply.error().code().name().toLowerCase(java.util.Locale.ROOT);
	}

}
