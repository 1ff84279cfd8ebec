package io.mcpbridge.standalone.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway replicas on one Redis share one tenant's bucket (the proof, through
 * the real HTTP path): in a burst sent to both, the calls accepted are the capacity plus
 * what refilled meanwhile (± 1), every other call is 429 RATE_LIMITED with
 * {@code Retry-After} and both IETF fields, on the REST API and on the MCP endpoint
 * (JSON-RPC error with data.bridge_code). A third replica serving another tenant is not
 * affected.
 */
@ExtendWith(SharedStack.class)
class RateLimitAcrossGatewaysIT {

	private static final long CAPACITY = 10;

	private static final double REFILL = 0.2;

	private static final String TENANT = "rl-" + System.nanoTime();

	private static ExtraGateway first;

	private static ExtraGateway second;

	private static ExtraGateway otherTenant;

	@BeforeAll
	static void startReplicas(StandaloneStack stack) {
		first = limited(stack, TENANT);
		second = limited(stack, TENANT);
		otherTenant = limited(stack, TENANT + "-other");
	}

	private static ExtraGateway limited(StandaloneStack stack, String tenant) {
		return ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(), "bridge.default-tenant=" + tenant,
				"bridge.rate-limiting.enabled=true", "bridge.rate-limiting.capacity=" + CAPACITY,
				"bridge.rate-limiting.refill-per-second=" + REFILL, "bridge.rate-limiting.per-client.enabled=false");
	}

	@AfterAll
	static void stopReplicas() {
		for (ExtraGateway gateway : new ExtraGateway[] { first, second, otherTenant }) {
			if (gateway != null) {
				gateway.close();
			}
		}
	}

	@Test
	void aBurstThroughTwoGatewaysGetsOneSharedBudgetAndTheRestIs429WithBothFields() {
		List<BridgeHttp> gateways = List.of(first.http(), second.http());
		// initialize takes a token too (it goes through the same guard); once it has come
		// back, the bucket is full and the burst starts from the capacity.
		String session = first.http().initialize();
		await().pollDelay(Duration.ofMillis((long) (1000 / REFILL) + 500)).until(() -> true);
		long start = System.nanoTime();
		ExecutorService callers = Executors.newFixedThreadPool(4);
		List<CompletableFuture<Response>> calls = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			BridgeHttp gateway = gateways.get(i % 2);
			calls.add(CompletableFuture.supplyAsync(() -> gateway.post("/mcp/tools/call",
					"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}", "X-Session-ID",
					session), callers));
		}
		List<Response> responses = calls.stream().map(CompletableFuture::join).toList();
		double elapsedSeconds = (System.nanoTime() - start) / 1e9;
		callers.shutdown();

		long accepted = responses.stream().filter(response -> response.status() == 200).count();
		List<Response> refused = responses.stream().filter(response -> response.status() == 429).toList();
		assertThat(accepted + refused.size()).as("every call is 200 or 429").isEqualTo(40);
		assertThat((double) accepted).as("accepted in %.2f s", elapsedSeconds)
			.isBetween(CAPACITY + Math.floor(REFILL * elapsedSeconds) - 1, CAPACITY + REFILL * elapsedSeconds + 1);
		for (Response response : refused) {
			assertThat(response.errorCode()).isEqualTo("RATE_LIMITED");
			assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, (long) Math.ceil(1 / REFILL));
			assertThat(response.header("RateLimit-Policy")).isEqualTo("\"tenant\";q=10;w=50");
			assertThat(response.header("RateLimit")).startsWith("\"tenant\";r=0;t=");
		}

		// The bucket may have regained a token or two since the burst: the MCP endpoint
		// takes them, then refuses.
		Response mcp = null;
		for (int i = 0; i < 5 && (mcp == null || mcp.status() == 200); i++) {
			mcp = second.http()
				.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
						+ "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}",
						"Accept", "application/json, text/event-stream");
		}
		assertThat(mcp.status()).isEqualTo(429);
		JsonNode error = mcp.json().path("error");
		assertThat(error.path("data").path("bridge_code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(mcp.json().path("id").asInt()).isEqualTo(7);
		assertThat(mcp.header("Retry-After")).isNotBlank();
		assertThat(mcp.header("RateLimit-Policy")).isNotBlank();
		assertThat(mcp.header("RateLimit")).isNotBlank();

		assertThat(otherTenant.http().post("/mcp/initialize", "{}").status()).as("another tenant").isEqualTo(200);
		JsonNode status = first.http().get("/mcp/status").json().path("rate_limits");
		assertThat(status.path("enabled").asBoolean()).isTrue();
		assertThat(status.path("buckets").asString()).isEqualTo("redis");
		assertThat(status.path("exceeded").path("tenant").asLong()).isPositive();
	}

}
