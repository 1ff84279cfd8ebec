package io.mcpbridge.gateway.status;

import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /mcp/status}: the bridge as a whole, aggregated over the live workers'
 * reports, the session index and the Kafka offsets; always 200 (a part that cannot be
 * read says so in place).
 */
@RestController
class StatusController {

	private final StatusDocument document;

	StatusController(StatusDocument document) {
		this.document = document;
	}

	@GetMapping("/mcp/status")
	ObjectNode status() {
		return document.build();
	}

}
