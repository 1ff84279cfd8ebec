package io.mcpbridge.gateway.reply;

/**
 * What a follow watches ({@link RequestFollower#follow}).
 *
 * @param tenant the request's tenant
 * @param requestId the request
 * @param eventSession the session its event list is kept under (null: none)
 * @param afterEvent the events up to this position were handled already;
 * {@link #NO_EVENTS}: only the reply is wanted
 * @param untilEpochMs when the follow gives up (its observer hears an end)
 * @param probe what it looks at besides the result key
 */
public record Followed(String tenant, String requestId, String eventSession, long afterEvent, long untilEpochMs,
		RequestFollower.Probe probe) {

	/** {@link #afterEvent} of a follow that wants the reply only. */
	public static final long NO_EVENTS = -1;

	public Followed {
		if (probe == null) {
			probe = RequestFollower.Probe.NONE;
		}
	}

	/** The reply only, looking at the result key and the probe. */
	public static Followed reply(String tenant, String requestId, long untilEpochMs, RequestFollower.Probe probe) {
		return new Followed(tenant, requestId, null, NO_EVENTS, untilEpochMs, probe);
	}

	/** The events after a position, then the reply. */
	public static Followed eventsAndReply(String tenant, String requestId, String eventSession, long afterEvent,
			long untilEpochMs, RequestFollower.Probe probe) {
		return new Followed(tenant, requestId, eventSession, Math.max(0, afterEvent), untilEpochMs, probe);
	}

	boolean wantsEvents() {
		return afterEvent != NO_EVENTS;
	}

}
