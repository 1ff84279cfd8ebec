package io.mcpbridge.standalone.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenants isolated on the real stack (embedded broker, real Redis, home-sim processes):
 * two gateway replicas with authentication on (a tenants file and a JWT issuer), every
 * resource kind tried by its owner, by another key of the same tenant, by another tenant,
 * without credentials and with bad ones. The owner's requests go through one replica and
 * everyone else's through the other, so nothing rests on one gateway's memory. The matrix
 * is printed; every cell is asserted.
 */
@ExtendWith(SharedStack.class)
class TenantIsolationIT {

	private static final String RUN = Long.toString(System.nanoTime(), 36);

	private static final String ACME = "acme-" + RUN;

	private static final String GLOBEX = "globex-" + RUN;

	private static final String LIMITED = "limited-" + RUN;

	private static final String OPS = "ops-" + RUN;

	private static final String KEY_A1 = "ka1-" + RUN;

	private static final String KEY_A2 = "ka2-" + RUN;

	private static final String KEY_G = "kg-" + RUN;

	private static final String KEY_L = "kl-" + RUN;

	private static final String KEY_O = "ko-" + RUN;

	private static final String RESOURCE = "http://bridge.test/mcp";

	private static final String ACCEPT_BOTH = "application/json, text/event-stream";

	private static final String READ_GARDEN = "{\"name\":\"get_entity_state\","
			+ "\"arguments\":{\"entity_id\":\"light.garden\"}}";

	@TempDir
	static Path folder;

	private static TestIssuer issuer;

	private static ExtraGateway first;

	private static ExtraGateway second;

	/** The owner's replica. */
	private static BridgeHttp own;

	/** Everyone else's replica. */
	private static BridgeHttp other;

	private static final List<String> matrix = new ArrayList<>();

	@BeforeAll
	static void start(StandaloneStack stack) throws IOException {
		issuer = TestIssuer.start();
		Path tenants = folder.resolve("tenants.yaml");
		Files.writeString(tenants, """
				tenants:
				  - id: %s
				    api-keys: ["%s", "%s"]
				    upstreams: [home]
				  - id: %s
				    api-keys: ["%s"]
				  - id: %s
				    api-keys: ["%s"]
				    upstreams: [nothing-here]
				  - id: %s
				    api-keys: ["%s"]
				    operator: true
				""".formatted(ACME, hash(KEY_A1), hash(KEY_A2), GLOBEX, hash(KEY_G), LIMITED, hash(KEY_L), OPS,
				hash(KEY_O)));
		String[] settings = { "bridge.security.tenants-file=" + tenants, "bridge.security.resource=" + RESOURCE,
				"bridge.security.jwt.issuer-uri=" + issuer.issuer(),
				"bridge.security.jwt.jwk-set-uri=" + issuer.jwkSetUri() };
		first = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(), settings);
		second = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(), settings);
		own = first.http();
		other = second.http();
	}

	@AfterAll
	static void stop() {
		System.out.println("Isolation matrix (resource | caller | status):\n  " + String.join("\n  ", matrix));
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
		if (issuer != null) {
			issuer.close();
		}
	}

	static String hash(String key) {
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	private static String[] bearer(String key, String... more) {
		List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + key));
		headers.addAll(List.of(more));
		return headers.toArray(String[]::new);
	}

	/** Records a cell of the matrix and asserts it. */
	private static Response cell(String resource, String caller, Response response, int status, String code) {
		matrix.add(resource + " | " + caller + " | " + response.status());
		assertThat(response.status()).as(resource + " as " + caller + ": " + response).isEqualTo(status);
		if (code != null) {
			assertThat(response.body()).as(resource + " as " + caller).contains(code);
		}
		return response;
	}

	private static String restSession(BridgeHttp http, String key) {
		Response init = http.post("/mcp/initialize", "{\"clientInfo\":{\"name\":\"isolation\",\"version\":\"1\"}}",
				bearer(key));
		assertThat(init.status()).as("initialize: " + init).isEqualTo(200);
		return init.json().path("result").path("session_id").asString();
	}

	@Test
	void restSessionsAnswerOnlyTheirOwner() {
		String session = restSession(own, KEY_A1);
		assertThat(session).matches("[0-9a-f]{32}");
		String list = "{}";
		cell("REST session", "owner (other replica)",
				other.post("/mcp/tools/list", list, bearer(KEY_A1, "X-Session-ID", session)), 200, null);
		cell("REST session", "same tenant, other key",
				other.post("/mcp/tools/list", list, bearer(KEY_A2, "X-Session-ID", session)), 404, "SESSION_NOT_FOUND");
		cell("REST session", "other tenant",
				other.post("/mcp/tools/call", READ_GARDEN, bearer(KEY_G, "X-Session-ID", session)), 404,
				"SESSION_NOT_FOUND");
		cell("REST session", "no credentials", other.post("/mcp/tools/list", list, "X-Session-ID", session), 401,
				"UNAUTHORIZED");
		cell("REST session", "bad credentials",
				other.post("/mcp/tools/list", list, bearer("not-a-key", "X-Session-ID", session)), 401, "UNAUTHORIZED");
		cell("REST session", "X-API-Key of owner",
				other.post("/mcp/tools/list", list, "X-API-Key", KEY_A1, "X-Session-ID", session), 200, null);
	}

	@Test
	void initializeNamingASessionResumesOnlyTheOwnersAndAnswersOthersLikeAnUnknownOne() {
		String session = restSession(own, KEY_A1);
		String resume = "{\"session_id\":\"" + session + "\"}";
		Response resumed = cell("REST initialize resume", "owner",
				other.post("/mcp/initialize", resume, bearer(KEY_A1)), 200, null);
		assertThat(resumed.json().path("result").path("session_id").asString()).isEqualTo(session);
		Response foreign = cell("REST initialize resume", "other tenant",
				other.post("/mcp/initialize", resume, bearer(KEY_G)), 404, "SESSION_NOT_FOUND");
		Response unknown = other.post("/mcp/initialize", "{\"session_id\":\"f" + session.substring(1) + "0\"}",
				bearer(KEY_G));
		assertThat(foreign.body()).as("another's session looks exactly like an unknown one").isEqualTo(unknown.body());
		cell("REST initialize resume", "same tenant, other key", other.post("/mcp/initialize", resume, bearer(KEY_A2)),
				404, "SESSION_NOT_FOUND");
		// The victim's session still answers its owner, on its upstream.
		cell("REST initialize resume", "owner afterwards",
				own.post("/mcp/tools/list", "{}", bearer(KEY_A1, "X-Session-ID", session)), 200, null);
	}

	@Test
	void asyncResultsAreReadableOnlyByTheirTenant() {
		String session = restSession(own, KEY_A1);
		String requestId = "iso-async-" + RUN;
		Response accepted = own.post("/mcp/tools/call",
				"{\"name\":\"get_entity_state\",\"request_id\":\"" + requestId
						+ "\",\"arguments\":{\"entity_id\":\"light.garden\"}}",
				bearer(KEY_A1, "X-Session-ID", session, "Prefer", "respond-async"));
		assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);
		String path = "/mcp/requests/" + requestId;
		await().atMost(Duration.ofSeconds(60)).until(() -> other.get(path, bearer(KEY_A1)).status() == 200);
		cell("async GET /mcp/requests/{id}", "owner (other replica)", other.get(path, bearer(KEY_A1)), 200, null);
		cell("async GET /mcp/requests/{id}", "other tenant", other.get(path, bearer(KEY_G)), 404, "NOT_FOUND");
		cell("async GET /mcp/requests/{id}", "no credentials", other.get(path), 401, "UNAUTHORIZED");
		cell("async GET /mcp/requests/{id}", "bad credentials", other.get(path, bearer("nope")), 401, "UNAUTHORIZED");
	}

	@Test
	void aRequestIdOfAnotherTenantIsNeverItsResult() {
		String requestId = "iso-idem-" + RUN;
		String acmeSession = restSession(own, KEY_A1);
		String globexSession = restSession(other, KEY_G);
		Response acme = own.post("/mcp/tools/call",
				"{\"name\":\"get_entity_state\",\"request_id\":\"" + requestId
						+ "\",\"arguments\":{\"entity_id\":\"light.garden\"}}",
				bearer(KEY_A1, "X-Session-ID", acmeSession));
		assertThat(acme.status()).as(acme.toString()).isEqualTo(200);
		Response globex = cell("idempotency record", "other tenant, same request id",
				other.post("/mcp/tools/call",
						"{\"name\":\"get_entity_state\",\"request_id\":\"" + requestId
								+ "\",\"arguments\":{\"entity_id\":\"switch.tv\"}}",
						bearer(KEY_G, "X-Session-ID", globexSession)),
				200, null);
		assertThat(globex.body()).as("globex got its own entity, not acme's first result")
			.contains("switch.tv")
			.doesNotContain("light.garden");
	}

	@Test
	void cacheEntriesAreNotShared() {
		String acmeSession = restSession(own, KEY_A1);
		String globexSession = restSession(other, KEY_G);
		String read = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"switch.coffee_maker\"}}";
		own.post("/mcp/tools/call", read, bearer(KEY_A1, "X-Session-ID", acmeSession));
		Response again = own.post("/mcp/tools/call", read, bearer(KEY_A1, "X-Session-ID", acmeSession));
		assertThat(again.json().path("cached").asBoolean()).as("acme's second read is cached").isTrue();
		Response globex = cell("cache entry", "other tenant",
				other.post("/mcp/tools/call", read, bearer(KEY_G, "X-Session-ID", globexSession)), 200, null);
		assertThat(globex.json().path("cached").asBoolean()).as("globex's first read never hits acme's entry")
			.isFalse();
	}

	@Test
	void mcpSessionsAnswerOnlyTheirOwner() {
		String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
				+ "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"iso\",\"version\":\"1\"}}}";
		Response created = own.post("/mcp", init, bearer(KEY_A1, "Accept", ACCEPT_BOTH));
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String session = created.header("Mcp-Session-Id");
		String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
		cell("MCP session", "owner (other replica)",
				other.post("/mcp", list, bearer(KEY_A1, "Accept", ACCEPT_BOTH, "Mcp-Session-Id", session)), 200, null);
		cell("MCP session", "same tenant, other key",
				other.post("/mcp", list, bearer(KEY_A2, "Accept", ACCEPT_BOTH, "Mcp-Session-Id", session)), 404, null);
		cell("MCP session", "other tenant",
				other.post("/mcp", list, bearer(KEY_G, "Accept", ACCEPT_BOTH, "Mcp-Session-Id", session)), 404, null);
		cell("MCP GET stream / Last-Event-ID", "other tenant", other.get("/mcp",
				bearer(KEY_G, "Accept", "text/event-stream", "Mcp-Session-Id", session, "Last-Event-ID", "x-1")), 404,
				null);
		cell("MCP DELETE", "other tenant", other.delete("/mcp", bearer(KEY_G, "Mcp-Session-Id", session)), 404, null);
		Response anonymous = cell("MCP session", "no credentials",
				other.post("/mcp", list, "Accept", ACCEPT_BOTH, "Mcp-Session-Id", session), 401, "UNAUTHORIZED");
		assertThat(anonymous.header("WWW-Authenticate"))
			.isEqualTo("Bearer resource_metadata=\"http://bridge.test/.well-known/oauth-protected-resource\"");
		assertThat(anonymous.json().path("error").path("data").path("bridge_code").asString())
			.isEqualTo("UNAUTHORIZED");
		Response bad = cell("MCP session", "bad credentials",
				other.post("/mcp", list, bearer("wrong", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", session)), 401,
				"UNAUTHORIZED");
		assertThat(bad.header("WWW-Authenticate")).contains("resource_metadata=", "invalid_token");
		cell("MCP session", "owner after the others' attempts",
				own.post("/mcp", list, bearer(KEY_A1, "Accept", ACCEPT_BOTH, "Mcp-Session-Id", session)), 200, null);
	}

	@Test
	void aTenantSeesOnlyItselfInTheStatusAndAnOperatorSeesAll() {
		Response acme = cell("/mcp/status", "tenant", other.get("/mcp/status", bearer(KEY_A1)), 200, null);
		assertThat(acme.json().path("tenant").path("id").asString()).isEqualTo(ACME);
		assertThat(acme.json().has("workers")).isFalse();
		assertThat(acme.json().has("sessions")).isFalse();
		Response ops = cell("/mcp/status", "operator", other.get("/mcp/status", bearer(KEY_O)), 200, null);
		assertThat(ops.json().has("workers")).isTrue();
		assertThat(ops.json().has("sessions")).isTrue();
		cell("/mcp/status", "no credentials", other.get("/mcp/status"), 401, "UNAUTHORIZED");
	}

	@Test
	void anUpstreamOutsideTheTenantsListIsForbidden() {
		cell("upstream not allowed", "tenant limited to another upstream",
				other.post("/mcp/initialize", "{}", bearer(KEY_L)), 403, "FORBIDDEN");
	}

	@Test
	void probesAndMetadataStayPublic() {
		cell("/health", "no credentials", other.get("/health"), 200, null);
		Response metadata = cell("/.well-known/oauth-protected-resource", "no credentials",
				other.get("/.well-known/oauth-protected-resource"), 200, null);
		assertThat(metadata.json().path("resource").asString()).isEqualTo(RESOURCE);
		assertThat(metadata.json().path("authorization_servers").get(0).asString()).isEqualTo(issuer.issuer());
	}

	private static Map<String, Object> claims(String tenant, String audience, String iss, Instant expires) {
		Map<String, Object> claims = new HashMap<>();
		claims.put("sub", "alice-" + RUN);
		claims.put("iss", iss);
		claims.put("aud", audience);
		claims.put("iat", Instant.now().minusSeconds(5));
		claims.put("exp", expires);
		claims.put("tenant", tenant);
		return claims;
	}

	@Test
	void jwtBearerTokensAreCheckedForSignatureExpiryAudienceIssuerAndTenant() {
		Instant later = Instant.now().plusSeconds(600);
		String valid = issuer.token(claims(ACME, RESOURCE, issuer.issuer(), later));
		Response init = cell("JWT", "valid", own.post("/mcp/initialize", "{}", bearer(valid)), 200, null);
		String session = init.json().path("result").path("session_id").asString();
		cell("JWT session", "same tenant, API key (another owner)",
				other.post("/mcp/tools/list", "{}", bearer(KEY_A1, "X-Session-ID", session)), 404, "SESSION_NOT_FOUND");
		cell("JWT session", "same subject (other replica)",
				other.post("/mcp/tools/list", "{}", bearer(valid, "X-Session-ID", session)), 200, null);
		cell("JWT", "expired",
				own.post("/mcp/initialize", "{}",
						bearer(issuer.token(claims(ACME, RESOURCE, issuer.issuer(), Instant.now().minusSeconds(600))))),
				401, "UNAUTHORIZED");
		cell("JWT", "wrong audience",
				own.post("/mcp/initialize", "{}",
						bearer(issuer.token(claims(ACME, "http://other.test/mcp", issuer.issuer(), later)))),
				401, "UNAUTHORIZED");
		cell("JWT", "wrong issuer", own.post("/mcp/initialize", "{}",
				bearer(issuer.token(claims(ACME, RESOURCE, "http://evil.test", later)))), 401, "UNAUTHORIZED");
		cell("JWT", "missing tenant claim",
				own.post("/mcp/initialize", "{}", bearer(issuer.token(claims(null, RESOURCE, issuer.issuer(), later)))),
				401, "UNAUTHORIZED");
		try (TestIssuer stranger = TestIssuer.start()) {
			cell("JWT", "signed by another key",
					own.post("/mcp/initialize", "{}",
							bearer(stranger.token(claims(ACME, RESOURCE, issuer.issuer(), later)))),
					401, "UNAUTHORIZED");
		}
	}

}
