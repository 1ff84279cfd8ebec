package io.mcpbridge.gateway.cache;

import java.util.Locale;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;

/**
 * What a client asked of the cache with {@code X-Cache-Control} (RFC 9111 request
 * directives): {@code no-cache} (do not answer from the cache; the fresh result is still
 * stored), {@code no-store} (neither answer from nor store), {@code max-age=N} (accept an
 * entry at most N seconds old). Directives are case-insensitive and comma-separated;
 * unknown ones are ignored, as RFC 9111 §5.2 asks. A {@code max-age} that is not a
 * non-negative integer is refused with INVALID_REQUEST rather than ignored: the client
 * meant to limit staleness, and silently serving older data would hide its typo.
 *
 * @param noCache skip the lookup
 * @param noStore skip the lookup and do not store the result
 * @param maxAgeSeconds the oldest acceptable entry, null: any fresh one
 */
public record CacheControl(boolean noCache, boolean noStore, Long maxAgeSeconds) {

	public static final String HEADER = "X-Cache-Control";

	public static final CacheControl NONE = new CacheControl(false, false, null);

	public static CacheControl parse(String header) {
		if (header == null || header.isBlank()) {
			return NONE;
		}
		boolean noCache = false;
		boolean noStore = false;
		Long maxAge = null;
		for (String raw : header.split(",")) {
			String directive = raw.trim().toLowerCase(Locale.ROOT);
			if (directive.equals("no-cache")) {
				noCache = true;
			}
			else if (directive.equals("no-store")) {
				noStore = true;
			}
			else if (directive.startsWith("max-age")) {
				maxAge = maxAge(directive.substring("max-age".length()).trim(), raw.trim());
			}
		}
		return new CacheControl(noCache, noStore, maxAge);
	}

	private static Long maxAge(String rest, String directive) {
		String value = rest.startsWith("=") ? unquoted(rest.substring(1).trim()) : "";
		if (!value.matches("[0-9]{1,10}")) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST,
					HEADER + ": max-age must be a whole number of seconds (max-age=30); got '" + directive + "'");
		}
		return Long.parseLong(value);
	}

	private static String unquoted(String value) {
		return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
				? value.substring(1, value.length() - 1) : value;
	}

	/** Whether a cached entry may answer at all. */
	boolean allowsLookup() {
		return !noCache && !noStore && (maxAgeSeconds == null || maxAgeSeconds > 0);
	}

	/** Whether an entry of this age is young enough for the client. */
	boolean accepts(long ageMs) {
		return maxAgeSeconds == null || ageMs <= maxAgeSeconds * 1000;
	}
}
