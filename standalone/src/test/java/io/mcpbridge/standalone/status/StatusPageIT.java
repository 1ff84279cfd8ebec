package io.mcpbridge.standalone.status;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.mcpbridge.standalone.status.HeadlessChromium.element;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live status page as a person sees it: rendered by a real headless Chromium
 * (Debian's {@code chromium}; CI installs it) from a running stack, its numbers filled in
 * by its own script from {@code /mcp/status}. The screenshot (phone width) is kept as a
 * build artifact: {@code standalone/target/status-page/status-page.png}.
 */
@ExtendWith(SharedStack.class)
class StatusPageIT {

	private static final Path ARTIFACTS = Path.of("target", "status-page");

	@TempDir
	Path profile;

	private static BridgeHttp http;

	@BeforeAll
	static void someTraffic(StandaloneStack stack) {
		http = new BridgeHttp(stack.gatewayPort());
		String session = http.initialize();
		BridgeHttp.Response call = http.post("/mcp/tools/call",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}", "X-Session-ID",
				session, "X-Cache-Control", "no-cache");
		assertThat(call.status()).as(call.toString()).isEqualTo(200);
	}

	@Test
	void thePageIsServedWithAStrictContentSecurityPolicyAndNoExternalAsset() {
		BridgeHttp.Response page = http.get("/status");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'");
		assertThat(page.body()).contains("<meta name=\"viewport\"").doesNotContain("http://", "https://");
		assertThat(http.get("/status/status.js").header("Content-Type")).startsWith("text/javascript");
		assertThat(http.get("/status/status.css").status()).isEqualTo(200);
	}

	@Test
	void headlessChromiumRendersTheStacksRealNumbersAtPhoneWidth(StandaloneStack stack) throws Exception {
		HeadlessChromium chromium = new HeadlessChromium(this.profile);
		String url = "http://127.0.0.1:" + stack.gatewayPort() + "/status";
		String dom = chromium.dumpDom(url);
		Files.createDirectories(ARTIFACTS);
		Files.writeString(ARTIFACTS.resolve("status-page.html"), dom);

		assertThat(element(dom, "bridge-status")).isIn("healthy", "degraded");
		// At least this stack's worker (another stack on the same Redis adds its own).
		assertThat(Integer.parseInt(element(dom, "workers"))).isPositive();
		assertThat(Integer.parseInt(element(dom, "sessions").replace(",", ""))).isPositive();
		assertThat(element(dom, "latency")).matches("\\d[\\d,]* / \\d[\\d,]* ms");
		assertThat(dom).contains("<td>CRITICAL</td>", "<td>BULK</td>", "<td>home</td>", "mcp.requests.medium");
		assertThat(element(dom, "updated")).startsWith("updated ");
		// Open mode: no key is asked for.
		assertThat(HeadlessChromium.tag(dom, "key-form")).contains("hidden");

		Path screenshot = ARTIFACTS.resolve("status-page.png").toAbsolutePath();
		chromium.screenshot(screenshot, url);
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

}
