package io.mcpbridge.standalone.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant pools through the whole stack (gateway, embedded broker, worker, home-sim): with
 * the standalone's {@code --tenants}, the worker reads the same file, and a tenant whose
 * {@code upstream-env} names {@code home} gets processes of its own for its calls while
 * another tenant's calls stay on the shared pool.
 */
class TenantPoolsEndToEndIT {

	private static final String RUN = Long.toString(System.nanoTime(), 36);

	private static final String KEY_WITH_ENV = "kenv-" + RUN;

	private static final String KEY_WITHOUT = "kplain-" + RUN;

	private static final String SECRET = "ha-token-" + RUN;

	@TempDir
	Path folder;

	@Test
	void aTenantWithUpstreamEnvGetsItsOwnPoolAndAnotherTenantStaysOnTheSharedOne() throws Exception {
		Path tenants = folder.resolve("tenants.yaml");
		Files.writeString(tenants, """
				tenants:
				  - id: env-%s
				    api-keys: ["%s"]
				    upstream-env:
				      home: {HA_TOKEN: "%s"}
				  - id: plain-%s
				    api-keys: ["%s"]
				""".formatted(RUN, TenantIsolationIT.hash(KEY_WITH_ENV), SECRET, RUN,
				TenantIsolationIT.hash(KEY_WITHOUT)));
		StandaloneOptions options = new StandaloneOptions(0, 0, 6379, 0, 1, 1, 4, false, Map.of(), 0, null, List.of(),
				0, StandaloneOptions.LOOPBACK, tenants, null);
		try (StandaloneStack stack = StandaloneStack.start(options)) {
			BridgeHttp http = new BridgeHttp(stack.gatewayPort());

			call(http, KEY_WITHOUT);
			assertThat(metric(stack, "mcp_worker_tenant_pools")).as("the shared pool served it").isEqualTo("0.0");

			call(http, KEY_WITH_ENV);
			assertThat(metric(stack, "mcp_worker_tenant_pools")).isEqualTo("1.0");

			call(http, KEY_WITHOUT);
			assertThat(metric(stack, "mcp_worker_tenant_pools")).isEqualTo("1.0");
			assertThat(http.get("/mcp/status", "Authorization", "Bearer " + KEY_WITH_ENV).body())
				.doesNotContain(SECRET);
			assertThat(scrape(stack)).doesNotContain(SECRET);
		}
	}

	/** A live read (no cache) as the key's tenant. */
	private static void call(BridgeHttp http, String key) {
		BridgeHttp.Response init = http.post("/mcp/initialize", "{}", "Authorization", "Bearer " + key);
		assertThat(init.status()).as(init.toString()).isEqualTo(200);
		String session = init.json().path("result").path("session_id").asString();
		BridgeHttp.Response call = http.post("/mcp/tools/call",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}", "Authorization",
				"Bearer " + key, "X-Session-ID", session, "X-Cache-Control", "no-cache", "X-Timeout", "60");
		assertThat(call.status()).as(call.toString()).isEqualTo(200);
	}

	private static String metric(StandaloneStack stack, String name) throws Exception {
		return scrape(stack).lines()
			.filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.map(line -> line.substring(line.lastIndexOf(' ') + 1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in the worker's /metrics"));
	}

	private static String scrape(StandaloneStack stack) throws Exception {
		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.workerPort() + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.statusCode()).isEqualTo(200);
		return metrics.body();
	}

}
