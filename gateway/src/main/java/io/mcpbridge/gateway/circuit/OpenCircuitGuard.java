package io.mcpbridge.gateway.circuit;

import java.time.Duration;
import java.util.Optional;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.call.CallGuard;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.ErrorMapping;
import io.mcpbridge.gateway.upstream.LiveUpstreams;
import io.mcpbridge.gateway.upstream.OpenCircuits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Answers UPSTREAM_CIRCUIT_OPEN without queueing when every live worker reports the
 * call's upstream open: no worker would run it, so a trip through Kafka would only delay
 * the same answer. {@code Retry-After} is the smallest time left. The reports are a few
 * seconds old at most; a breaker that opened since is still answered by the worker
 * itself, at once. Fails open: when the reports cannot be read (Redis down), the call
 * goes on and the workers decide.
 */
@Component
@Order(OpenCircuitGuard.ORDER)
class OpenCircuitGuard implements CallGuard {

	/** After authentication and rate limits: a refused client learns that first. */
	static final int ORDER = 500;

	private static final Logger log = LoggerFactory.getLogger(OpenCircuitGuard.class);

	private final LiveUpstreams workers;

	OpenCircuitGuard(LiveUpstreams workers) {
		this.workers = workers;
	}

	@Override
	public void check(CallContext context, RequestEnvelope request) {
		Optional<Duration> open;
		try {
			open = OpenCircuits.openEverywhere(workers.liveWorkers(), request.upstream(), System.currentTimeMillis());
		}
		catch (RuntimeException unreadable) {
			log.debug("worker reports unavailable, leaving the circuit check of {} to the workers: {}",
					request.upstream(), unreadable.toString());
			return;
		}
		if (open.isPresent()) {
			long seconds = ErrorMapping.retryAfterSeconds(open.get().toMillis());
			throw new BridgeException(ErrorCode.UPSTREAM_CIRCUIT_OPEN,
					"the circuit breaker of upstream " + request.upstream()
							+ " is open on every worker after repeated failures; retry in " + seconds + " s")
				.withHeader("Retry-After", Long.toString(seconds));
		}
	}

}
