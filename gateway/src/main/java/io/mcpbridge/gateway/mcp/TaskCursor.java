package io.mcpbridge.gateway.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import tools.jackson.databind.JsonNode;

/**
 * The opaque cursor of tasks/list: a page offset tagged with a digest of the session it
 * belongs to. The session id is unguessable, so only its own session can present a cursor
 * that passes; a cursor altered, made up or taken from another session gets -32602.
 */
final class TaskCursor {

	private static final Pattern SHAPE = Pattern.compile("([0-9]{1,9})\\.([0-9a-f]{16})");

	private TaskCursor() {
	}

	static String encode(String tenant, String sessionId, long offset) {
		return offset + "." + tag(tenant, sessionId, offset);
	}

	/**
	 * The offset a cursor stands for (0 when the client gives none).
	 * @throws McpError -32602 for a cursor this session was not given
	 */
	static long decode(String tenant, String sessionId, JsonNode cursor) {
		if (cursor == null || cursor.isNull()) {
			return 0;
		}
		Matcher parts = cursor.isString() ? SHAPE.matcher(cursor.asString()) : null;
		if (parts == null || !parts.matches()
				|| !parts.group(2).equals(tag(tenant, sessionId, Long.parseLong(parts.group(1))))) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS,
					"params.cursor is not a cursor this server gave this session");
		}
		return Long.parseLong(parts.group(1));
	}

	private static String tag(String tenant, String sessionId, long offset) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((tenant + "/" + sessionId + "/" + offset).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("every JVM has SHA-256", impossible);
		}
	}

}
