package io.mcpbridge.standalone.gateway;

import java.time.Duration;

import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.RedisResults;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client gets for an upstream no worker serves (answered by the gateway, nothing
 * queued) and for a session that expired.
 */
@ExtendWith(SharedStack.class)
class SessionAndUpstreamErrorsIT {

	@Test
	void anUnknownUpstreamAtInitializeIs404ListingTheKnownOnesAndNothingIsQueued(StandaloneStack stack) {
		BridgeHttp http = new BridgeHttp(stack.gatewayPort());
		// The gateway knows the names once the worker has reported (at its start).
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get("/mcp/status").json().path("upstreams").has("home"));
		String unknown = "no-such-upstream-" + System.nanoTime();

		Response response = http.post("/mcp/initialize",
				"{\"upstream\":\"" + unknown + "\",\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.errorCode()).isEqualTo("UNKNOWN_UPSTREAM");
		assertThat(response.json().path("error").path("message").asString()).contains(unknown)
			.contains("known upstreams: home");
		assertThat(ParkedKafka.requestRecordsContaining(stack.kafkaBootstrap(), unknown)).isEmpty();
	}

	@Test
	void aSessionUnusedForItsIdleTtlIs404SessionNotFound(StandaloneStack stack) {
		try (ExtraGateway shortLived = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(),
				"bridge.sessions.idle-ttl=2s"); RedisResults redis = new RedisResults(stack.redisPort())) {
			BridgeHttp http = shortLived.http();
			String session = http.initialize();
			assertThat(http.post("/mcp/tools/list", "", "X-Session-ID", session).status()).isEqualTo(200);

			// EXISTS does not touch the session, so it expires 2 s after its last use.
			await().atMost(Duration.ofSeconds(15))
				.until(() -> redis.commands().exists(RedisKeys.session("default", session)) == 0);
			Response response = http.post("/mcp/tools/list", "", "X-Session-ID", session);

			assertThat(response.status()).isEqualTo(404);
			assertThat(response.errorCode()).isEqualTo("SESSION_NOT_FOUND");
			assertThat(response.json().path("error").path("message").asString()).contains("/mcp/initialize");
		}
	}

}
