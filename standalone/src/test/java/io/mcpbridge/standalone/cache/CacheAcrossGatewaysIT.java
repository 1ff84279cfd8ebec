package io.mcpbridge.standalone.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache through two gateway replicas on one real broker, one worker with home-sim,
 * and the real Redis: shared L2 entries, read-your-writes through any gateway, one
 * upstream call for a burst of identical misses, canonical keys, client control and the
 * status section.
 */
class CacheAcrossGatewaysIT {

	private static CacheStack stack;

	private static CacheStack.Client first;

	private static CacheStack.Client second;

	@BeforeAll
	static void start() {
		// home-sim takes 100 ms per call, so that a burst of identical misses overlaps
		// its first call.
		stack = CacheStack.start(6379, 100);
		first = stack.client(0);
		second = stack.client(1);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	static String call(String tool, String arguments) {
		return "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}";
	}

	static String state(String entity) {
		return call("get_entity_state", "{\"entity_id\":\"" + entity + "\"}");
	}

	private static Response post(CacheStack.Client client, String body, String... headers) {
		Response response = client.call(body, headers);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	@Test
	void aSecondIdenticalReadThroughAnotherGatewayIsServedFromL2WithoutAKafkaRecord() {
		String read = call("get_entities", "{\"domain\":\"switch\"}");
		Response miss = post(first, read);
		long records = stack.requestRecords();

		Response hit = post(second, read);

		assertThat(miss.json().path("cached").asBoolean()).isFalse();
		assertThat(hit.json().path("cached").asBoolean()).isTrue();
		assertThat(hit.json().path("cache_expires").asString()).isNotBlank();
		assertThat(hit.header("Cache-Status")).startsWith("mcp-bridge; hit").contains("detail=l2");
		assertThat(hit.json().path("result")).isEqualTo(miss.json().path("result"));
		assertThat(stack.requestRecords()).as("no record produced for the hit").isEqualTo(records);
	}

	@Test
	void afterEachWriteTheOtherGatewayNeverReadsTheOldState() {
		String light = "light.office";
		int hits = 0;
		for (int i = 0; i < 200; i++) {
			String expected = i % 2 == 0 ? "on" : "off";
			CacheStack.Client writer = i % 2 == 0 ? first : second;
			CacheStack.Client reader = writer == first ? second : first;
			post(writer, call("call_service",
					"{\"domain\":\"light\",\"service\":\"turn_" + expected + "\",\"entity_id\":\"" + light + "\"}"));

			Response read = post(reader, state(light));
			Response again = post(writer, state(light));

			assertThat(read.json().path("result").path("structuredContent").path("state").asString())
				.as("read %d through the other gateway", i)
				.isEqualTo(expected);
			assertThat(again.json().path("result").path("structuredContent").path("state").asString())
				.as("read %d again through the writer's gateway", i)
				.isEqualTo(expected);
			hits += again.json().path("cached").asBoolean() ? 1 : 0;
		}
		assertThat(hits).as("the repeated reads were answered by the cache, so the test exercised it")
			.isGreaterThan(150);
	}

	@Test
	void aHundredConcurrentIdenticalMissesThroughTwoGatewaysMakeOneUpstreamCall() {
		String sensor = "sensor.outdoor_humidity";
		// Warm both gateways' cache path (JIT, Redis scripts) so that a slow first
		// command on a busy
		// machine does not make the burst fail open.
		post(first, state("sensor.indoor_temperature"));
		post(second, state("sensor.indoor_temperature"));
		assertThat(stack.upstreamCalls("get_entity_state", sensor)).isZero();
		List<CompletableFuture<Response>> burst = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			burst.add((i % 2 == 0 ? first : second).callLater(state(sensor)));
		}
		List<Response> answers = burst.stream().map(CompletableFuture::join).toList();

		assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
		assertThat(answers).extracting(answer -> answer.json().path("result"))
			.containsOnly(answers.get(0).json().path("result"));
		assertThat(stack.upstreamCalls("get_entity_state", sensor)).isEqualTo(1);
	}

	@Test
	void argumentKeyOrderAndSpacingDoNotChangeTheCacheKey() {
		Response miss = post(first,
				call("get_history", "{\"entity_id\":\"switch.tv\",\"start\":\"2000-01-01T00:00:00Z\"}"));
		Response reordered = post(second,
				call("get_history", "{ \"start\" : \"2000-01-01T00:00:00Z\",\n \"entity_id\" : \"switch.tv\" }"));

		assertThat(miss.json().path("cached").asBoolean()).isFalse();
		assertThat(reordered.json().path("cached").asBoolean()).isTrue();
	}

	@Test
	void noCacheGoesToTheUpstreamAndMaxAgeLimitsTheAgeOfAHit() {
		String read = state("switch.coffee_maker");
		post(first, read);
		long records = stack.requestRecords();

		Response fresh = post(second, read, "X-Cache-Control", "no-cache");
		Response young = post(second, read, "X-Cache-Control", "max-age=60");

		assertThat(fresh.json().path("cached").asBoolean()).isFalse();
		assertThat(fresh.header("Cache-Status")).contains("fwd=request");
		assertThat(young.json().path("cached").asBoolean()).isTrue();
		assertThat(stack.requestRecords()).isEqualTo(records + 1);
	}

	@Test
	void aMalformedMaxAgeIsAClearError() {
		Response bad = second.call(state("switch.tv"), "X-Cache-Control", "max-age=soon");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.errorCode()).isEqualTo("INVALID_REQUEST");
		assertThat(bad.json().path("error").path("message").asString()).contains("max-age");
	}

	@Test
	void writesAreNeverCached() {
		Response write = post(first, call("call_service",
				"{\"domain\":\"switch\",\"service\":\"toggle\",\"entity_id\":\"switch.dishwasher\"}"));
		assertThat(write.json().path("cached").asBoolean()).isFalse();
		assertThat(write.header("Cache-Status")).isEqualTo("mcp-bridge; fwd=bypass");
	}

	@Test
	void toolsListIsCachedAndTheStatusShowsTheHitRate() {
		first.http().post("/mcp/tools/list", "", "X-Session-ID", first.session());
		Response list = second.http().post("/mcp/tools/list", "", "X-Session-ID", second.session());
		assertThat(list.json().path("cached").asBoolean()).isTrue();
		assertThat(list.json().path("tools").size()).isPositive();

		Response status = second.http().get("/mcp/status");
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.json().path("cache").path("hits").asLong()).isPositive();
		assertThat(status.json().path("cache").path("hit_rate").asDouble()).isBetween(0.0, 1.0).isPositive();
		assertThat(status.json().path("cache").path("l2").path("hits").asLong()).isPositive();
	}

}
