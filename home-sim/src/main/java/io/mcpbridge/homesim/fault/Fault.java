package io.mcpbridge.homesim.fault;

/** What {@link FaultInjector} decided for one tool call. */
public enum Fault {

	/** Run the call normally. */
	NONE,

	/** Wait, then run the call normally. */
	SLOW,

	/** Answer a JSON-RPC internal error; the tool's body does not run. */
	FAIL,

	/** Never answer; the tool's body does not run. */
	HANG,

	/** End the process; the tool's body does not run. */
	CRASH

}
