package io.mcpbridge.loadtests;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Placeholder simulation for the backbone: each virtual user initializes a session, then reads an
 * entity's state ten times. Run against a running stack:
 * {@code ./mvnw -pl load-tests gatling:test -Dbridge.baseUrl=http://localhost:3003}.
 */
public class BackboneSmokeSimulation extends Simulation {

	private static final String BASE_URL = System.getProperty("bridge.baseUrl", "http://localhost:3003");

	private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
		.contentTypeHeader("application/json")
		.acceptHeader("application/json");

	private final ScenarioBuilder readStates = scenario("initialize then get_entity_state")
		.exec(http("initialize").post("/mcp/initialize")
			.body(StringBody("{}"))
			.check(status().is(200), jsonPath("$.result.session_id").saveAs("session")))
		.exec(repeat(10).on(http("get_entity_state").post("/mcp/tools/call")
			.header("X-Session-ID", "#{session}")
			.body(StringBody("{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}"))
			.check(status().is(200), jsonPath("$.result.isError").is("false"))));

	{
		setUp(readStates.injectOpen(constantUsersPerSec(5).during(10))).protocols(protocol)
			.assertions(global().failedRequests().count().is(0L));
	}
}
