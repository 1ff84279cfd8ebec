package io.mcpbridge.gateway.upstream;

import java.util.Set;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Checks an upstream name at initialize against the upstreams the live workers report, so
 * that a typo is answered at once instead of after a round trip through Kafka. When no
 * worker has reported yet (the cluster is starting) or Redis cannot be read, the name
 * passes and the worker decides, as it always did: a wrong refusal would be worse than a
 * slower one.
 */
@Component
public class KnownUpstreams {

	private static final Logger log = LoggerFactory.getLogger(KnownUpstreams.class);

	private final LiveUpstreams workers;

	KnownUpstreams(LiveUpstreams workers) {
		this.workers = workers;
	}

	/**
	 * @throws BridgeException UNKNOWN_UPSTREAM, listing the known names, when no live
	 * worker serves it
	 */
	public void requireKnown(String upstream) {
		Set<String> known;
		try {
			known = workers.upstreamNames();
		}
		catch (RuntimeException ex) {
			log.debug("upstream names unavailable, leaving the check of {} to the worker: {}", upstream, ex.toString());
			return;
		}
		if (!known.isEmpty() && !known.contains(upstream)) {
			throw new BridgeException(ErrorCode.UNKNOWN_UPSTREAM,
					"unknown upstream '" + upstream + "'; known upstreams: " + String.join(", ", known));
		}
	}

}
