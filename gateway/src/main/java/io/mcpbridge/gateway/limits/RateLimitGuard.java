package io.mcpbridge.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.call.CallGuard;
import io.mcpbridge.gateway.error.BridgeException;

import org.springframework.core.annotation.Order;

/**
 * Refuses a call with 429 RATE_LIMITED when its client's bucket or its tenant's bucket is
 * empty, before anything is read from the cache or queued. Both buckets are asked at once
 * (two Redis round trips in parallel). The refusal carries {@code Retry-After} (seconds
 * until a token is back) and the IETF {@code RateLimit-Policy} / {@code RateLimit} fields
 * of both buckets.
 */
@Order(RateLimitGuard.ORDER)
class RateLimitGuard implements CallGuard {

	/**
	 * After authentication and authorization (which decide the tenant and may refuse for
	 * free), before circuit-open checks.
	 */
	static final int ORDER = 200;

	static final String TENANT_SCOPE = "tenant";

	static final String CLIENT_POLICY = "client";

	private final SharedBuckets buckets;

	private final TenantLimits tenantLimits;

	private final Limit tenantDefault;

	private final Limit clientLimit;

	private final RateLimitStats stats;

	RateLimitGuard(SharedBuckets buckets, TenantLimits tenantLimits, RateLimitProperties properties,
			RateLimitStats stats) {
		this.buckets = buckets;
		this.tenantLimits = tenantLimits;
		this.tenantDefault = properties.tenantDefault();
		this.clientLimit = properties.perClient().enabled() ? properties.perClient().limit() : null;
		this.stats = stats;
	}

	@Override
	public void check(CallContext context, RequestEnvelope request) {
		String tenant = context.tenant();
		Limit tenantLimit = tenantLimits.forTenant(tenant).orElse(tenantDefault);
		CompletableFuture<Verdict> client = clientLimit == null ? null
				: buckets.consume(RedisKeys.rateLimit(tenant, clientScope(context)), clientLimit);
		CompletableFuture<Verdict> whole = buckets.consume(RedisKeys.rateLimit(tenant, TENANT_SCOPE), tenantLimit);
		// Both futures complete within the Redis timeout: a slow Redis falls back to the
		// local bucket.
		Verdict clientVerdict = client == null ? null : client.join();
		Verdict tenantVerdict = whole.join();
		if (clientVerdict != null && !clientVerdict.allowed()) {
			stats.exceeded(RateLimitStats.Scope.CLIENT, tenant);
			throw refusal("this client's rate limit is exhausted", clientVerdict, tenantLimit, tenantVerdict,
					clientVerdict, request);
		}
		if (!tenantVerdict.allowed()) {
			stats.exceeded(RateLimitStats.Scope.TENANT, tenant);
			throw refusal("tenant '" + tenant + "' rate limit is exhausted", tenantVerdict, tenantLimit, tenantVerdict,
					clientVerdict, request);
		}
	}

	private BridgeException refusal(String why, Verdict refusing, Limit tenantLimit, Verdict tenantVerdict,
			Verdict clientVerdict, RequestEnvelope request) {
		long retryAfter = refusing.retryAfterSeconds();
		String policy = RateLimitHeaders.policy(TENANT_SCOPE, tenantLimit);
		String state = RateLimitHeaders.state(TENANT_SCOPE, tenantVerdict);
		if (clientVerdict != null) {
			policy = RateLimitHeaders.policy(CLIENT_POLICY, clientLimit) + ", " + policy;
			state = RateLimitHeaders.state(CLIENT_POLICY, clientVerdict) + ", " + state;
		}
		return new BridgeException(ErrorCode.RATE_LIMITED, why + "; retry in " + retryAfter + " s", request.requestId())
			.withHeader(RateLimitHeaders.RETRY_AFTER, Long.toString(retryAfter))
			.withHeader(RateLimitHeaders.POLICY, policy)
			.withHeader(RateLimitHeaders.STATE, state);
	}

	/**
	 * {@code client:<id>}: the API key (principal) when there is one, else the address;
	 * an id that could not sit in a key as it is (IPv6 {@code ::1}, an odd principal) is
	 * hashed, so the key stays bounded and safe.
	 */
	static String clientScope(CallContext context) {
		String client = context.principal() != null ? context.principal() : context.clientAddress();
		if (client == null) {
			client = "unknown";
		}
		String scope = "client:" + client;
		return Identifiers.isValidId(scope) ? scope : "client:h-" + sha256(client).substring(0, 32);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("every JVM has SHA-256", impossible);
		}
	}

}
