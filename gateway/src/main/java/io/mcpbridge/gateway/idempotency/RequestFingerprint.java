package io.mcpbridge.gateway.idempotency;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CanonicalJson;
import io.mcpbridge.common.RequestEnvelope;
import tools.jackson.databind.JsonNode;

/**
 * What makes two requests "the same request" for idempotency: method, upstream, tool and
 * arguments, hashed over their {@link CanonicalJson} form, so that key order, formatting
 * and {@code 1} vs {@code 1.0} do not matter. Session, priority and timeout are left out:
 * a client may retry from a new session or with another deadline.
 */
public final class RequestFingerprint {

	private RequestFingerprint() {
	}

	/** SHA-256, hex, of the request's canonical form. */
	public static String of(RequestEnvelope request) {
		return of(request.method(), request.upstream(), request.tool(), request.arguments());
	}

	static String of(String method, String upstream, String tool, JsonNode arguments) {
		var identity = BridgeJson.mapper().createObjectNode();
		identity.put("method", method);
		identity.put("upstream", upstream);
		identity.put("tool", tool);
		identity.set("arguments",
				arguments == null || arguments.isNull() ? BridgeJson.mapper().createObjectNode() : arguments);
		return CanonicalJson.sha256(identity);
	}

}
