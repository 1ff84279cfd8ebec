package io.mcpbridge.standalone.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live status page as a person sees it: rendered by a real headless Chromium
 * (Debian's {@code chromium}; CI installs it) from a running stack, its numbers filled in
 * by its own script from {@code /mcp/status}. The screenshot (phone width) is kept as a
 * build artifact: {@code standalone/target/status-page/status-page.png}.
 */
@ExtendWith(SharedStack.class)
class StatusPageIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

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
		assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium): cannot render");
		String url = "http://127.0.0.1:" + stack.gatewayPort() + "/status";
		String dom = chromium("--dump-dom", url);
		Files.createDirectories(ARTIFACTS);
		Files.writeString(ARTIFACTS.resolve("status-page.html"), dom);

		assertThat(element(dom, "bridge-status")).isIn("healthy", "degraded");
		// At least this stack's worker (another stack on the same Redis adds its own).
		assertThat(Integer.parseInt(element(dom, "workers"))).isPositive();
		assertThat(Integer.parseInt(element(dom, "sessions").replace(",", ""))).isPositive();
		assertThat(element(dom, "latency")).matches("\\d[\\d,]* / \\d[\\d,]* ms");
		assertThat(dom).contains("<td>CRITICAL</td>", "<td>BULK</td>", "<td>home</td>", "mcp.requests.medium");
		assertThat(element(dom, "updated")).startsWith("updated ");

		Path screenshot = ARTIFACTS.resolve("status-page.png").toAbsolutePath();
		chromium("--screenshot=" + screenshot, url);
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

	/** The text of the element with that id, as the page's script left it. */
	private static String element(String dom, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
		assertThat(matcher.find()).as("element #" + id + " in " + dom).isTrue();
		return matcher.group(1);
	}

	private String chromium(String action, String url) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + this.profile,
				"--window-size=412,1000", "--virtual-time-budget=5000", "--hide-scrollbars", action, url));
		Path out = this.profile.resolve("stdout.txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(this.profile.resolve("stderr.txt").toFile())
			.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("chromium did not finish within 90 s: " + command);
		}
		assertThat(process.exitValue()).as(Files.readString(this.profile.resolve("stderr.txt"))).isZero();
		return Files.readString(out, StandardCharsets.UTF_8);
	}

}
