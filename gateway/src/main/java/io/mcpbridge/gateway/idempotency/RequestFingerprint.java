package io.mcpbridge.gateway.idempotency;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RequestEnvelope;
import tools.jackson.databind.JsonNode;

/**
 * What makes two requests "the same request" for idempotency: method, upstream, tool and arguments,
 * hashed over a canonical JSON form (object keys sorted, no whitespace, numbers without trailing
 * zeros), so that key order, formatting and {@code 1} vs {@code 1.0} do not matter. Session, priority
 * and timeout are left out: a client may retry from a new session or with another deadline.
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
		identity.set("arguments", arguments == null || arguments.isNull() ? BridgeJson.mapper().createObjectNode()
				: arguments);
		return sha256(canonical(identity));
	}

	/** The canonical JSON text of a tree. */
	static String canonical(JsonNode node) {
		StringBuilder out = new StringBuilder();
		write(node, out);
		return out.toString();
	}

	private static void write(JsonNode node, StringBuilder out) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			out.append("null");
		}
		else if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
			out.append('{');
			String separator = "";
			for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
				out.append(separator).append(quoted(entry.getKey())).append(':');
				write(entry.getValue(), out);
				separator = ",";
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(node.get(i), out);
			}
			out.append(']');
		}
		else if (node.isNumber()) {
			BigDecimal value = node.decimalValue();
			out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
		}
		else if (node.isString()) {
			out.append(quoted(node.asString()));
		}
		else {
			out.append(node.toString());
		}
	}

	private static String quoted(String text) {
		return BridgeJson.mapper().writeValueAsString(text);
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("every JVM has SHA-256", impossible);
		}
	}
}
