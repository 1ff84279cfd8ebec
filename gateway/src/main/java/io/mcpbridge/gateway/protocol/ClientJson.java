package io.mcpbridge.gateway.protocol;

import java.util.regex.Pattern;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * Reads what a client sends (a REST body, a JSON-RPC message) with the client limits of
 * {@link BridgeJson#clientMapper()}, and says what is wrong with it in words a client can
 * act on: never the parser's class names, settings or echoed input.
 */
public final class ClientJson {

	private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker at )?\\[Source:.*", Pattern.DOTALL);

	private static final Pattern CODE_NAME = Pattern.compile("`[^`]*`|[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*");

	private static final int MAX_MESSAGE = 200;

	private ClientJson() {
	}

	/**
	 * @return the document; null for an empty one
	 * @throws Unreadable with a message for the client when it is no JSON or exceeds a
	 * limit
	 */
	public static JsonNode read(byte[] body) {
		try {
			return BridgeJson.clientMapper().readTree(body);
		}
		catch (JacksonException malformed) {
			throw new Unreadable(describe(malformed));
		}
	}

	/** What is wrong with a document, without the parser's internals. */
	static String describe(JacksonException malformed) {
		if (malformed instanceof StreamConstraintsException limit) {
			String text = String.valueOf(limit.getOriginalMessage());
			if (text.contains("nesting depth")) {
				return "JSON nested deeper than " + BridgeJson.MAX_CLIENT_DEPTH + " levels";
			}
			return "a JSON number, string or name exceeds the parser's length limit";
		}
		String text = malformed.getOriginalMessage() == null ? "" : malformed.getOriginalMessage();
		text = CODE_NAME.matcher(SOURCE.matcher(text).replaceAll("")).replaceAll("").trim();
		if (text.isEmpty()) {
			return "not valid JSON";
		}
		return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
	}

	/** A client document that cannot be read; its message is safe to answer. */
	public static final class Unreadable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Unreadable(String message) {
			super(message, null, false, false);
		}

	}

}
