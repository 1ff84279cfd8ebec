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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium (Debian's {@code chromium}; CI installs it) rendering a page
 * at phone width, its scripts run for up to 5 s of virtual time, with a profile of its
 * own.
 */
final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private final Path profile;

	/** Skips the calling test, saying why, when Chromium is not installed. */
	HeadlessChromium(Path profile) {
		assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium): cannot render");
		this.profile = profile;
	}

	/** The page's DOM as its scripts left it. */
	String dumpDom(String url) throws IOException, InterruptedException {
		return run("--dump-dom", url);
	}

	void screenshot(Path png, String url) throws IOException, InterruptedException {
		run("--screenshot=" + png.toAbsolutePath(), url);
	}

	/** The text of the element with that id, as the page's script left it. */
	static String element(String dom, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
		assertThat(matcher.find()).as("element #" + id + " in " + dom).isTrue();
		return matcher.group(1);
	}

	/** The opening tag of the element with that id (to read its attributes). */
	static String tag(String dom, String id) {
		Matcher matcher = Pattern.compile("<[a-z]+ [^>]*id=\"" + id + "\"[^>]*>").matcher(dom);
		assertThat(matcher.find()).as("element #" + id + " in " + dom).isTrue();
		return matcher.group();
	}

	private String run(String action, String url) throws IOException, InterruptedException {
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
