package io.mcpbridge.homesim.home;

/**
 * An expected failure of a request to the home (unknown name, bad argument, conflict).
 * The tool layer turns it into a tool error result ({@code isError: true}); it never
 * means a bug.
 */
public final class HomeException extends RuntimeException {

	/** What went wrong, so callers can map each kind in one place. */
	public enum Kind {

		UNKNOWN_ENTITY, UNKNOWN_DOMAIN, UNKNOWN_SERVICE, INVALID_ARGUMENT, CONFLICT, LIMIT_REACHED

	}

	private final Kind kind;

	public HomeException(Kind kind, String message) {
		// No stack trace: these are ordinary outcomes of bad requests, thrown on a hot
		// path.
		super(message, null, false, false);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	static HomeException invalid(String message) {
		return new HomeException(Kind.INVALID_ARGUMENT, message);
	}

}
