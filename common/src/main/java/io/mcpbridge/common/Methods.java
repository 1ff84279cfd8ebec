package io.mcpbridge.common;

import java.util.Set;

/** The MCP methods a request envelope may carry. */
public final class Methods {

	public static final String INITIALIZE = "initialize";

	public static final String TOOLS_LIST = "tools/list";

	public static final String TOOLS_CALL = "tools/call";

	/** Methods a worker knows how to execute. */
	public static final Set<String> SUPPORTED = Set.of(INITIALIZE, TOOLS_LIST, TOOLS_CALL);

	private Methods() {
	}
}
