package io.mcpbridge.gateway.api;

import java.io.IOException;
import java.io.InputStream;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.protocol.ClientJson;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Reads a request body as one JSON object, never more than
 * {@code bridge.http.max-body-size} bytes (a body past the limit is refused, not
 * buffered). An empty body is an empty object.
 */
@Component
class JsonBodyReader {

	private final int maxBytes;

	JsonBodyReader(GatewayProperties properties) {
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, properties.http().maxBodySize().toBytes());
	}

	ObjectNode read(HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw tooLarge();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(maxBytes + 1);
		}
		catch (IOException unreadable) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST, "could not read the request body");
		}
		if (body.length > maxBytes) {
			throw tooLarge();
		}
		if (body.length == 0) {
			return BridgeJson.mapper().createObjectNode();
		}
		JsonNode parsed;
		try {
			parsed = ClientJson.read(body);
		}
		catch (ClientJson.Unreadable malformed) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST,
					"the body is not valid JSON: " + malformed.getMessage());
		}
		if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
			return BridgeJson.mapper().createObjectNode();
		}
		if (!(parsed instanceof ObjectNode object)) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST, "the body must be a JSON object");
		}
		return object;
	}

	private BridgeException tooLarge() {
		return new BridgeException(ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds " + maxBytes + " bytes");
	}

}
