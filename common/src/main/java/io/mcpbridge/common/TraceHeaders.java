package io.mcpbridge.common;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The W3C trace context names, the same on every hop: HTTP request and response headers,
 * Kafka record headers, the envelope's {@code trace} map and the upstream's
 * {@code params._meta}. Values from outside are checked here before they travel.
 */
public final class TraceHeaders {

	/** {@code version-traceid-parentid-flags}, 55 characters in version 00. */
	public static final String TRACEPARENT = "traceparent";

	/** Vendor entries; forwarded, never interpreted. */
	public static final String TRACESTATE = "tracestate";

	/** The W3C limit on a tracestate is 32 members; 512 characters is what we keep. */
	public static final int MAX_TRACESTATE_LENGTH = 512;

	private static final Pattern TRACEPARENT_FORMAT = Pattern
		.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private static final Pattern TRACESTATE_FORMAT = Pattern.compile("[\\x20-\\x7e]*");

	private TraceHeaders() {
	}

	/** A well-formed traceparent whose ids are not the all-zero invalid ones. */
	public static boolean isValidTraceparent(String value) {
		return value != null && value.length() == 55 && TRACEPARENT_FORMAT.matcher(value).matches()
				&& !value.startsWith("ff") && !value.substring(3, 35).matches("0+")
				&& !value.substring(36, 52).matches("0+");
	}

	/** The trace id part of a valid traceparent, else null. */
	public static String traceId(String traceparent) {
		return isValidTraceparent(traceparent) ? traceparent.substring(3, 35) : null;
	}

	/**
	 * The entries of a trace map worth forwarding: a valid traceparent, and its
	 * tracestate when bounded and printable; empty otherwise.
	 */
	public static Map<String, String> checked(Map<String, String> trace) {
		if (trace == null || !isValidTraceparent(trace.get(TRACEPARENT))) {
			return Map.of();
		}
		Map<String, String> kept = new HashMap<>(2);
		kept.put(TRACEPARENT, trace.get(TRACEPARENT));
		String state = trace.get(TRACESTATE);
		if (state != null && !state.isEmpty() && state.length() <= MAX_TRACESTATE_LENGTH
				&& TRACESTATE_FORMAT.matcher(state).matches()) {
			kept.put(TRACESTATE, state);
		}
		return Map.copyOf(kept);
	}

}
