package io.mcpbridge.worker.consume;

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
 * Turns one decoded request of a configured upstream into its reply. Never throws for an expected
 * outcome: a failure is a reply too, so the client never waits for nothing.
 */
@Component
class RequestHandler {

	static final String CALL_TIMER = "mcp.worker.call.duration";

	private final UpstreamMethods methods;

	private final FailureClassifier classifier;

	private final MeterRegistry meters;

	private final CallRelays relays;

	private final String workerId;

	RequestHandler(UpstreamMethods methods, FailureClassifier classifier, MeterRegistry meters, CallRelays relays,
			WorkerProperties properties) {
		this.relays = relays;
		this.methods = methods;
		this.classifier = classifier;
		this.meters = meters;
		this.workerId = properties.worker().id();
	}

	ReplyEnvelope handle(RequestEnvelope request) {
		Timer.Sample sample = Timer.start(meters);
		ReplyEnvelope reply = reply(request);
		sample.stop(Timer.builder(CALL_TIMER)
			.description("Time to execute one request on its upstream, by outcome")
			.tag("upstream", request.upstream())
			// The method comes from the client: unknown values must not create new time series.
			.tag("method", Methods.SUPPORTED.contains(request.method()) ? request.method() : "unsupported")
			.tag("outcome", outcome(reply))
			// Buckets, not only a sum: the mean hides whether the cost is every call or a long tail.
			.publishPercentileHistogram()
			.register(meters));
		return reply;
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
