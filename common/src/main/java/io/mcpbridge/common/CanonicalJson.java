package io.mcpbridge.common;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One text per JSON value, whatever its formatting: object keys sorted, no whitespace,
 * numbers without trailing zeros, strings re-escaped. Two requests whose arguments differ
 * only in key order, spacing, escapes or {@code 1} vs {@code 1.0} get the same text and
 * the same hash; the gateway uses it for idempotency fingerprints and cache keys.
 */
public final class CanonicalJson {

	private CanonicalJson() {
	}

	/** The canonical text of a tree (null and missing nodes are {@code null}). */
	public static String text(JsonNode node) {
		StringBuilder out = new StringBuilder();
		write(node, out);
		return out.toString();
	}

	/** SHA-256, hex, of the canonical text. */
	public static String sha256(JsonNode node) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text(node).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("every JVM has SHA-256", impossible);
		}
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

}
