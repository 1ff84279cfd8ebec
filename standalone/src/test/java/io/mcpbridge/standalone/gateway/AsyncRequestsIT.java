package io.mcpbridge.standalone.gateway;

import io.mcpbridge.standalone.BridgeHttp;
import java.time.Duration;

import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Prefer: respond-async}: 202 with a Location, which answers 202 while the request
 * is pending and then what the synchronous call would have answered, through any gateway
 * of the tenant only.
 */
@ExtendWith(SharedStack.class)
class AsyncRequestsIT {

	private static ParkedKafka parked;

	private static ExtraGateway parkedGateway;

	private static ExtraGateway otherTenant;

	private BridgeHttp main;

	private String session;

	@BeforeAll
	static void startReplicas(StandaloneStack stack) {
		parked = new ParkedKafka();
		parkedGateway = ExtraGateway.start(parked.bootstrap(), stack.redisPort());
		otherTenant = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(),
				"bridge.default-tenant=other-" + System.nanoTime());
	}

	@AfterAll
	static void stopReplicas() {
		if (otherTenant != null) {
			otherTenant.close();
		}
		if (parkedGateway != null) {
			parkedGateway.close();
		}
		if (parked != null) {
			parked.close();
		}
	}

	@BeforeEach
	void connect(StandaloneStack stack) {
		main = new BridgeHttp(stack.gatewayPort());
		session = main.initialize();
	}

	@Test
	void anAsyncCallIs202ThenPendingThenItsResult(StandaloneStack stack) {
		Response accepted = parkedGateway.http()
			.post("/mcp/tools/call", "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}",
					"X-Session-ID", session, "Prefer", "respond-async", "X-Timeout", "60");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		String id = accepted.json().path("request_id").asString();
		assertThat(id).isNotBlank();
		assertThat(accepted.header("Location")).isEqualTo("/mcp/requests/" + id);
		assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");

		Response pending = main.get(accepted.header("Location"));
		assertThat(pending.status()).as("pending, read through another gateway").isEqualTo(202);
		assertThat(pending.json().path("status").asString()).isEqualTo("pending");

		parked.forward(id, stack.kafkaBootstrap());

		Response done = await().atMost(Duration.ofSeconds(20))
			.until(() -> main.get(accepted.header("Location")), response -> response.status() != 202);
		assertThat(done.status()).as(done.toString()).isEqualTo(200);
		assertThat(done.json().path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(done.json().path("id").asString()).isEqualTo(id);
		assertThat(done.json().path("result").path("structuredContent").toString()).contains("light.kitchen");
	}

	@Test
	void anAsyncCallThatFailsAnswersItsErrorWithItsStatus() {
		Response accepted = main.post("/mcp/tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}", "X-Session-ID",
				session, "Prefer", "respond-async");
		assertThat(accepted.status()).isEqualTo(202);

		Response done = await().atMost(Duration.ofSeconds(20))
			.until(() -> main.get(accepted.header("Location")), response -> response.status() != 202);
		assertThat(done.status()).isEqualTo(400);
		assertThat(done.errorCode()).isEqualTo("UPSTREAM_REJECTED");
	}

	@Test
	void anAsyncCallWithARequestIdKeepsThatId() {
		String id = "it-async-" + System.nanoTime();
		Response accepted = main.post("/mcp/tools/call",
				"{\"name\":\"get_entities\",\"request_id\":\"" + id + "\",\"arguments\":{\"domain\":\"light\"}}",
				"X-Session-ID", session, "Prefer", "respond-async");
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.header("Location")).isEqualTo("/mcp/requests/" + id);
		await().atMost(Duration.ofSeconds(20)).until(() -> main.get("/mcp/requests/" + id).status() == 200);
	}

	@Test
	void anotherTenantCannotSeeTheRequest() {
		Response accepted = main.post("/mcp/tools/call", "{\"name\":\"get_entities\",\"arguments\":{}}", "X-Session-ID",
				session, "Prefer", "respond-async");
		String location = accepted.header("Location");
		await().atMost(Duration.ofSeconds(20)).until(() -> main.get(location).status() == 200);

		Response foreign = otherTenant.http().get(location);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.errorCode()).isEqualTo("NOT_FOUND");
	}

	@Test
	void anUnknownRequestIs404() {
		assertThat(main.get("/mcp/requests/never-sent-" + System.nanoTime()).status()).isEqualTo(404);
		assertThat(main.get("/mcp/requests/bad%20id").status()).isEqualTo(404);
	}

}
