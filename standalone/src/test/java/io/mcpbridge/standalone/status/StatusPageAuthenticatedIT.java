package io.mcpbridge.standalone.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.mcpbridge.standalone.status.HeadlessChromium.element;
import static io.mcpbridge.standalone.status.HeadlessChromium.tag;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page of a gateway with authentication on: the page and its two files are
 * served to anyone (they hold no data), {@code /mcp/status} answers only with a key, a
 * tenant's key showing its own view and an operator's everything; and in a real headless
 * Chromium, the page asks for a key, then renders what the key may see. The key prompt's
 * screenshot is kept: {@code standalone/target/status-page/status-page-key.png}.
 */
@ExtendWith(SharedStack.class)
class StatusPageAuthenticatedIT {

	private static final String RUN = Long.toString(System.nanoTime(), 36);

	private static final String TENANT = "acme-" + RUN;

	private static final String TENANT_KEY = "status-tenant-" + RUN;

	private static final String OPERATOR_KEY = "status-operator-" + RUN;

	@TempDir
	static Path folder;

	@TempDir
	Path profile;

	private static ExtraGateway gateway;

	private static BridgeHttp http;

	@BeforeAll
	static void start(StandaloneStack stack) throws IOException {
		Path tenants = folder.resolve("tenants.yaml");
		Files.writeString(tenants, """
				tenants:
				  - id: %s
				    api-keys: ["%s"]
				  - id: ops-%s
				    api-keys: ["%s"]
				    operator: true
				""".formatted(TENANT, hash(TENANT_KEY), RUN, hash(OPERATOR_KEY)));
		gateway = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(),
				"bridge.security.tenants-file=" + tenants);
		http = gateway.http();
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@Test
	void thePageAndItsFilesAreServedWithoutCredentials() {
		BridgeHttp.Response page = http.get("/status");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
		assertThat(page.body()).contains("id=\"key-form\"", "type=\"password\"");
		assertThat(http.get("/status/status.js").status()).isEqualTo(200);
		assertThat(http.get("/status/status.css").status()).isEqualTo(200);
	}

	@Test
	void theStatusDocumentNeedsAKeyAndShowsWhatTheKeyMaySee() {
		assertThat(http.get("/mcp/status").status()).isEqualTo(401);
		assertThat(http.get("/mcp/status", "Authorization", "Bearer not-a-key").status()).isEqualTo(401);

		BridgeHttp.Response tenant = http.get("/mcp/status", "Authorization", "Bearer " + TENANT_KEY);
		assertThat(tenant.status()).isEqualTo(200);
		assertThat(tenant.json().path("tenant").path("id").asString()).isEqualTo(TENANT);
		assertThat(tenant.json().has("workers")).isFalse();

		BridgeHttp.Response operator = http.get("/mcp/status", "Authorization", "Bearer " + OPERATOR_KEY);
		assertThat(operator.status()).isEqualTo(200);
		assertThat(operator.json().has("workers")).isTrue();
	}

	@Test
	void withoutAKeyThePageAsksForOne() throws Exception {
		HeadlessChromium chromium = new HeadlessChromium(profile);
		String dom = chromium.dumpDom(url(""));

		assertThat(element(dom, "bridge-status")).isEqualTo("API key needed");
		assertThat(tag(dom, "key-form")).doesNotContain("hidden");
		assertThat(element(dom, "key-message")).isEqualTo("This bridge requires an API key.");
		Path screenshot = Path.of("target", "status-page", "status-page-key.png");
		Files.createDirectories(screenshot.getParent());
		chromium.screenshot(screenshot, url(""));
		assertThat(Files.size(screenshot)).isGreaterThan(5_000);
	}

	@Test
	void anOperatorsKeyShowsTheWholeFleet() throws Exception {
		String dom = new HeadlessChromium(profile).dumpDom(url("#key=" + OPERATOR_KEY));

		assertThat(element(dom, "bridge-status")).isIn("healthy", "degraded");
		assertThat(Integer.parseInt(element(dom, "workers"))).isPositive();
		assertThat(dom).contains("<td>home</td>");
		assertThat(tag(dom, "key-form")).contains("hidden");
		assertThat(dom).as("the key is never written into the page").doesNotContain(OPERATOR_KEY);
	}

	@Test
	void aTenantsKeyShowsItsOwnView() throws Exception {
		String dom = new HeadlessChromium(profile).dumpDom(url("#key=" + TENANT_KEY));

		assertThat(element(dom, "bridge-line")).contains("tenant " + TENANT);
		assertThat(dom).contains("shown to operator keys only").doesNotContain(TENANT_KEY);
	}

	@Test
	void aRefusedKeyIsDroppedAndAskedForAgain() throws Exception {
		String dom = new HeadlessChromium(profile).dumpDom(url("#key=wrong-" + RUN));

		assertThat(element(dom, "key-message")).isEqualTo("That API key was refused.");
		assertThat(tag(dom, "key-form")).doesNotContain("hidden");
	}

	private static String url(String fragment) {
		return "http://127.0.0.1:" + gateway.port() + "/status" + fragment;
	}

	private static String hash(String key) {
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

}
