package io.mcpbridge.gateway.status;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpbridge.gateway.cache.CacheStats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /mcp/status}: the seed's status document. For now only its {@code cache} section (hit
 * rates per level, evictions by reason, Redis failures); the other sections join it here.
 */
@RestController
class StatusController {

	private final CacheStats cache;

	StatusController(CacheStats cache) {
		this.cache = cache;
	}

	@GetMapping("/mcp/status")
	Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("cache", cache.snapshot());
		return status;
	}
}
