package io.mcpbridge.gateway.statuspage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /status}: a live page for people, over the same document as
 * {@code GET /mcp/status}, which its small script polls. Three files from the classpath,
 * read once; no front-end build chain and no external asset (no CDN), so the page works
 * on an isolated network, and a strict Content-Security-Policy allows nothing but this
 * origin.
 */
@RestController
class StatusPageController {

	/** Scripts and styles from this origin only, no inline code, no framing. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private final byte[] page = read("index.html");

	private final byte[] script = read("status.js");

	private final byte[] style = read("status.css");

	@GetMapping("/status")
	ResponseEntity<byte[]> page() {
		return answer(this.page, MediaType.TEXT_HTML);
	}

	@GetMapping("/status/status.js")
	ResponseEntity<byte[]> script() {
		return answer(this.script, MediaType.parseMediaType("text/javascript"));
	}

	@GetMapping("/status/status.css")
	ResponseEntity<byte[]> style() {
		return answer(this.style, MediaType.parseMediaType("text/css"));
	}

	private static ResponseEntity<byte[]> answer(byte[] body, MediaType type) {
		return ResponseEntity.ok()
			.contentType(new MediaType(type, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.body(body);
	}

	private static byte[] read(String name) {
		try (InputStream in = new ClassPathResource("statuspage/" + name).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the status page's " + name + " is missing from the classpath", ex);
		}
	}

}
