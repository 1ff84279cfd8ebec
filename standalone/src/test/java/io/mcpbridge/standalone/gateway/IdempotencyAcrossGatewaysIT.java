package io.mcpbridge.standalone.gateway;

import io.mcpbridge.standalone.RedisResults;
import io.mcpbridge.standalone.BridgeHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.RedisKeys;
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
 * A request id makes a tool call idempotent across gateway replicas: the stack's gateway,
 * a second replica on the same Kafka, and a "parked" replica whose Kafka no worker
 * consumes (so its requests stay in flight until the test forwards them to the stack's
 * broker).
 */
@ExtendWith(SharedStack.class)
class IdempotencyAcrossGatewaysIT {

	private static ParkedKafka parked;

	private static ExtraGateway second;

	private static ExtraGateway parkedGateway;

	private BridgeHttp main;

	private String session;

	private Home home;

	@BeforeAll
	static void startReplicas(StandaloneStack stack) {
		parked = new ParkedKafka();
		second = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort());
		parkedGateway = ExtraGateway.start(parked.bootstrap(), stack.redisPort());
	}

	@AfterAll
	static void stopReplicas() {
		if (parkedGateway != null) {
			parkedGateway.close();
		}
		if (second != null) {
			second.close();
		}
		if (parked != null) {
			parked.close();
		}
	}

	@BeforeEach
	void connect(StandaloneStack stack) {
		main = new BridgeHttp(stack.gatewayPort());
		session = main.initialize();
		home = new Home(main, session);
	}

	private static String newId(String what) {
		return "it-" + what + "-" + System.nanoTime();
	}

	@Test
	void aRepeatThroughAnotherGatewayWhileTheFirstIsInFlightExecutesOnceAndGetsTheFirstResult(StandaloneStack stack) {
		String id = newId("inflight");
		int before = home.historyLength();
		try (RedisResults redis = new RedisResults(stack.redisPort())) {
			CompletableFuture<Response> first = parkedGateway.http()
				.postLater("/mcp/tools/call", Home.toggle(id), "X-Session-ID", session, "X-Timeout", "60");
			// Claimed first, then produced: wait for the parked record itself, not only
			// the claim.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> redis.commands().exists(RedisKeys.dedup("default", id)) == 1
						&& !ParkedKafka.requestRecords(parked.bootstrap(), id).isEmpty());

			CompletableFuture<Response> repeat = main.postLater("/mcp/tools/call", Home.toggle(id), "X-Session-ID",
					session, "X-Timeout", "60");
			assertThat(home.historyLength()).as("nothing executed while the first is parked").isEqualTo(before);
			assertThat(repeat).as("the repeat waits for the first").isNotDone();

			parked.forward(id, stack.kafkaBootstrap());

			Response firstResponse = first.join();
			Response repeatResponse = repeat.join();
			assertThat(firstResponse.status()).as(firstResponse.toString()).isEqualTo(200);
			assertThat(repeatResponse.status()).as(repeatResponse.toString()).isEqualTo(200);
			assertThat(repeatResponse.json()).isEqualTo(firstResponse.json());
		}
		assertThat(home.historyLength()).as("executed exactly once").isEqualTo(before + 1);
		assertThat(ParkedKafka.requestRecords(stack.kafkaBootstrap(), id)).as("the repeat was never produced")
			.hasSize(1);
	}

	@Test
	void aRepeatAfterCompletionReturnsTheStoredResultEvenAfterTheResultKeyExpired(StandaloneStack stack) {
		String id = newId("done");
		int before = home.historyLength();
		Response first = main.post("/mcp/tools/call", Home.toggle(id), "X-Session-ID", session);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);

		Response repeat = second.http().post("/mcp/tools/call", Home.toggle(id), "X-Session-ID", session);
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.json()).isEqualTo(first.json());

		try (RedisResults redis = new RedisResults(stack.redisPort())) {
			// The workers' result TTL (10 min) is shorter than the idempotency TTL:
			// simulate its expiry.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> redis.commands().get(RedisKeys.dedup("default", id)),
						stored -> stored.contains("\"reply\""));
			redis.commands().del(RedisKeys.result("default", id));
		}
		Response later = second.http().post("/mcp/tools/call", Home.toggle(id), "X-Session-ID", session);
		assertThat(later.json()).isEqualTo(first.json());
		assertThat(home.historyLength()).isEqualTo(before + 1);
	}

	@Test
	void theSameRequestIdWithADifferentBodyIs409AndExecutesNothing() {
		String id = newId("conflict");
		Response first = main.post("/mcp/tools/call", Home.toggle(id), "X-Session-ID", session);
		assertThat(first.status()).isEqualTo(200);
		int after = home.historyLength();

		String other = Home.toggle(id).replace("\"toggle\"", "\"turn_on\"");
		Response conflict = second.http().post("/mcp/tools/call", other, "X-Session-ID", session);

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.errorCode()).isEqualTo("IDEMPOTENCY_CONFLICT");
		assertThat(conflict.json().path("error").path("request_id").asString()).isEqualTo(id);
		assertThat(home.historyLength()).isEqualTo(after);
	}

	@Test
	void keyOrderAndWhitespaceDoNotMakeADifferentRequest() {
		String id = newId("reordered");
		Response first = main.post("/mcp/tools/call", Home.toggle(id), "X-Session-ID", session);
		String reordered = "{ \"arguments\" : { \"entity_id\" : \"" + Home.LIGHT
				+ "\", \"service\" : \"toggle\", \"domain\" : \"light\" },\n \"request_id\" : \"" + id
				+ "\", \"name\" : \"call_service\" }";
		Response repeat = second.http().post("/mcp/tools/call", reordered, "X-Session-ID", session);
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.json()).isEqualTo(first.json());
	}

	@Test
	void theIdempotencyKeyHeaderWorksLikeARequestId() {
		String id = newId("header");
		int before = home.historyLength();
		String body = Home.toggle(id).replace("\"request_id\":\"" + id + "\",", "");
		Response first = main.post("/mcp/tools/call", body, "X-Session-ID", session, "Idempotency-Key", id);
		Response repeat = second.http().post("/mcp/tools/call", body, "X-Session-ID", session, "Idempotency-Key", id);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().path("id").asString()).isEqualTo(id);
		assertThat(repeat.json()).isEqualTo(first.json());
		assertThat(home.historyLength()).isEqualTo(before + 1);
	}

	@Test
	void concurrentRepeatsThroughTwoGatewaysExecuteOnce(StandaloneStack stack) {
		String id = newId("burst");
		int before = home.historyLength();
		List<CompletableFuture<Response>> responses = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			BridgeHttp gateway = i % 2 == 0 ? main : second.http();
			responses.add(gateway.postLater("/mcp/tools/call", Home.toggle(id), "X-Session-ID", session));
		}
		List<Response> answered = responses.stream().map(CompletableFuture::join).toList();
		assertThat(answered)
			.allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(200));
		assertThat(answered).extracting(Response::json).containsOnly(answered.get(0).json());
		assertThat(home.historyLength()).isEqualTo(before + 1);
		assertThat(ParkedKafka.requestRecords(stack.kafkaBootstrap(), id)).hasSize(1);
	}

}
