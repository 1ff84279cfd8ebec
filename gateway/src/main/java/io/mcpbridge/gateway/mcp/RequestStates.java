package io.mcpbridge.gateway.mcp;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Issues and resolves the opaque {@code requestState} of input-required results. The
 * token is random and the state lives in Redis under the tenant, so any gateway resolves
 * a retry, a client cannot forge or alter one (a changed token finds nothing), nor use
 * another tenant's; the state expires with the request's deadline, when the upstream
 * stops waiting anyway.
 */
@Component
class RequestStates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StringRedisTemplate redis;

	RequestStates(StringRedisTemplate redis) {
		this.redis = redis;
	}

	String save(String tenant, RequestState state) {
		byte[] random = new byte[24];
		RANDOM.nextBytes(random);
		String token = "rs" + HexFormat.of().formatHex(random);
		long ttlMs = Math.max(1, state.deadlineEpochMs() - System.currentTimeMillis());
		redis.opsForValue()
			.set(RedisKeys.requestState(tenant, token), BridgeJson.mapper().writeValueAsString(state),
					Duration.ofMillis(ttlMs));
		return token;
	}

	Optional<RequestState> load(String tenant, String token) {
		if (!Identifiers.isValidId(token)) {
			return Optional.empty();
		}
		String json = redis.opsForValue().get(RedisKeys.requestState(tenant, token));
		return Optional.ofNullable(json).map(stored -> BridgeJson.mapper().readValue(stored, RequestState.class));
	}

}
