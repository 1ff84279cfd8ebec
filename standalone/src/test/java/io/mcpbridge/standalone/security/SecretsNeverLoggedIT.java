package io.mcpbridge.standalone.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone with authentication on ({@code --tenants}), on real parts (embedded
 * broker, Redis, a worker whose home-sim processes get a credential in their environment,
 * a gateway replica with API keys, JWTs and a tenant's {@code upstream-env}).
 * <ul>
 * <li>No secret ever reaches the logs: the bridge and Spring Security log at DEBUG while
 * calls succeed and fail authentication and a tenants file change with an invalid
 * credential value is refused; everything the JVM printed from start-up on is searched
 * for every secret.</li>
 * <li>The worker's probes and {@code /metrics} stay open while the gateway asks for
 * credentials: the standalone starts the worker without the web security its classpath
 * carries for the gateway ({@code StandaloneWorker}).</li>
 * </ul>
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedIT {

	private static final String RUN = Long.toString(System.nanoTime(), 36);

	private static final String TENANT = "secretive-" + RUN;

	private static final String RESOURCE = "http://bridge.test/mcp";

	/**
	 * The worker's own secret, set in its environment by the build (Failsafe); children
	 * never see it.
	 */
	private static final String WORKER_SECRET_VARIABLE = "MCP_BRIDGE_TEST_SECRET";

	private static final String API_KEY = "key-" + hex(24);

	private static final String TENANT_CREDENTIAL = "tenant-env-" + hex(16);

	private static final String UPSTREAM_CREDENTIAL = "upstream-env-" + hex(16);

	@TempDir
	static Path folder;

	private static Path tenants;

	private static TestIssuer issuer;

	private static StandaloneStack stack;

	private static ExtraGateway gateway;

	@BeforeAll
	static void start() throws Exception {
		tenants = folder.resolve("tenants.yaml");
		Files.writeString(tenants, tenantsFile(API_KEY, "{HA_TOKEN: \"" + TENANT_CREDENTIAL + "\"}"));
		issuer = TestIssuer.start();
		stack = StandaloneStack.start(
				new StandaloneOptions(0, 0, 6379, 0, 1, 1, 4, false, Map.of(), 0, null, List.of(), 0,
						StandaloneOptions.LOOPBACK, tenants, null),
				List.of("bridge.upstreams[0].env.HA_TOKEN=" + UPSTREAM_CREDENTIAL, "logging.level.io.mcpbridge=DEBUG"));
		// A replica with JWTs as well, and a fast reload of the tenants file.
		gateway = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(),
				"bridge.security.tenants-file=" + tenants, "bridge.security.reload-interval=1s",
				"bridge.security.resource=" + RESOURCE, "bridge.security.jwt.issuer-uri=" + issuer.issuer(),
				"bridge.security.jwt.jwk-set-uri=" + issuer.jwkSetUri(), "logging.level.io.mcpbridge=DEBUG",
				"logging.level.org.springframework.security=DEBUG");
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (stack != null) {
			stack.close();
		}
		if (issuer != null) {
			issuer.close();
		}
	}

	@Test
	void theWorkersProbesAndMetricsStayOpenWhileTheGatewayAsksForCredentials() {
		BridgeHttp worker = new BridgeHttp(stack.workerPort());
		BridgeHttp.Response metrics = worker.get("/metrics");
		assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
		assertThat(metrics.body()).contains("mcp_worker_pool_processes");
		assertThat(worker.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(metrics.header("WWW-Authenticate")).isNull();

		BridgeHttp.Response refused = new BridgeHttp(stack.gatewayPort()).post("/mcp/initialize", "{}");
		assertThat(refused.status()).as("the standalone's gateway does authenticate").isEqualTo(401);
		assertThat(new BridgeHttp(stack.gatewayManagementPort()).get("/metrics").status())
			.as("and leaves its management port open")
			.isEqualTo(200);
	}

	@Test
	void noKeyTokenOrCredentialAppearsInTheLogsOfCallsThatSucceedOrFailAuthentication(CapturedOutput output)
			throws Exception {
		String workerSecret = System.getenv(WORKER_SECRET_VARIABLE);
		assumeThat(workerSecret)
			.as(WORKER_SECRET_VARIABLE + " is set by the build's Failsafe configuration; "
					+ "run this test through Maven")
			.isNotBlank();
		BridgeHttp http = gateway.http();
		String token = issuer.token(claims(issuer.issuer(), Instant.now().plusSeconds(600)));
		String expired = issuer.token(claims(issuer.issuer(), Instant.now().minusSeconds(600)));
		String foreign = issuer.token(claims("http://evil.test", Instant.now().plusSeconds(600)));
		String wrongKey = "wrong-" + hex(24);

		String keyCall = "secrets-key-" + RUN;
		call(http, keyCall, "Authorization", "Bearer " + API_KEY);
		String jwtCall = "secrets-jwt-" + RUN;
		call(http, jwtCall, "Authorization", "Bearer " + token);
		assertThat(http
			.post("/mcp/u/home", """
					{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
					"capabilities":{},"clientInfo":{"name":"secrets","version":"1"}}}""", "Accept",
					"application/json, text/event-stream", "X-API-Key", API_KEY)
			.status()).isEqualTo(200);

		for (String[] refused : List.of(new String[] { "Authorization", "Bearer " + wrongKey },
				new String[] { "X-API-Key", wrongKey }, new String[] { "Authorization", "Bearer " + expired },
				new String[] { "Authorization", "Bearer " + foreign })) {
			Response response = http.post("/mcp/initialize", "{}", refused);
			assertThat(response.status()).as(response.toString()).isEqualTo(401);
		}
		assertThat(http
			.post("/mcp/u/home", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Accept",
					"application/json, text/event-stream", "Authorization", "Bearer " + wrongKey)
			.status()).isEqualTo(401);

		// A change the gateways refuse, with a credential value where a string belongs:
		// its error names the line, never the value.
		String refusedCredential = "refused-" + hex(16);
		Files.writeString(tenants, tenantsFile(API_KEY, "{HA_TOKEN: [\"" + refusedCredential + "\"]}"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getAll().contains("tenants file changed but is invalid"));

		// The request path was logged, by the worker too (its DEBUG line per request):
		// the search below has something to search.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getAll().contains("request " + keyCall + " answered")
					&& output.getAll().contains("request " + jwtCall + " answered"));
		Map<String, String> secrets = Map.of("API key", API_KEY, "refused API key", wrongKey, "JWT", token,
				"JWT signature", signature(token), "expired JWT", signature(expired), "foreign JWT", signature(foreign),
				"tenant upstream-env", TENANT_CREDENTIAL, "worker upstream env", UPSTREAM_CREDENTIAL,
				"refused tenants file value", refusedCredential, "worker's own secret", workerSecret);
		String logged = output.getAll();
		secrets
			.forEach((what, secret) -> assertThat(logged).as("the logs contain the %s", what).doesNotContain(secret));
	}

	/** A session, then a write (it always reaches the worker and home-sim). */
	private static void call(BridgeHttp http, String requestId, String... credential) {
		Response initialize = http.post("/mcp/initialize", "{\"clientInfo\":{\"name\":\"secrets\",\"version\":\"1\"}}",
				credential);
		assertThat(initialize.status()).as(initialize.toString()).isEqualTo(200);
		String session = initialize.json().path("result").path("session_id").asString();
		String[] headers = new String[credential.length + 2];
		System.arraycopy(credential, 0, headers, 0, credential.length);
		headers[credential.length] = "X-Session-ID";
		headers[credential.length + 1] = session;
		Response call = http.post("/mcp/tools/call",
				"{\"name\":\"call_service\",\"request_id\":\"" + requestId + "\",\"arguments\":{\"domain\":\"light\","
						+ "\"service\":\"toggle\",\"entity_id\":\"light.kitchen\"}}",
				headers);
		assertThat(call.status()).as(call.toString()).isEqualTo(200);
	}

	private static String tenantsFile(String apiKey, String homeEnvironment) {
		return """
				tenants:
				  - id: %s
				    api-keys: ["%s"]
				    upstream-env:
				      home: %s
				""".formatted(TENANT, TenantIsolationIT.hash(apiKey), homeEnvironment);
	}

	private static Map<String, Object> claims(String issuer, Instant expires) {
		Map<String, Object> claims = new HashMap<>();
		claims.put("sub", "secret-keeper-" + RUN);
		claims.put("iss", issuer);
		claims.put("aud", RESOURCE);
		claims.put("iat", Instant.now().minusSeconds(5));
		claims.put("exp", expires);
		claims.put("tenant", TENANT);
		return claims;
	}

	/** A JWT's signature: what makes it a credential (its claims are not secret). */
	private static String signature(String jwt) {
		return jwt.substring(jwt.lastIndexOf('.') + 1);
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
