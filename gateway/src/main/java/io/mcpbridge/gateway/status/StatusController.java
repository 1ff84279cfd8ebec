package io.mcpbridge.gateway.status;

import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.security.CallContexts;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /mcp/status}: the bridge as a whole, aggregated over the live workers'
 * reports, the session index and the Kafka offsets; always 200 (a part that cannot be
 * read says so in place). The whole document is for operators (and everyone in open
 * mode); any other tenant gets the bridge's health and its own queue
 * ({@link TenantStatus}).
 */
@RestController
class StatusController {

	private final StatusDocument document;

	private final TenantStatus tenantStatus;

	private final CallContexts callers;

	StatusController(StatusDocument document, TenantStatus tenantStatus, CallContexts callers) {
		this.document = document;
		this.tenantStatus = tenantStatus;
		this.callers = callers;
	}

	@GetMapping("/mcp/status")
	ObjectNode status(HttpServletRequest request) {
		if (callers.seesAllTenants(request)) {
			return document.build();
		}
		CallContext caller = callers.of(request);
		return tenantStatus.of(caller.tenant(), document.build());
	}

}
