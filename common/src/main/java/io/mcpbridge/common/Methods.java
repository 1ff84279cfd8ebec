package io.mcpbridge.common;

import java.util.Set;

/** The MCP methods a request envelope may carry. */
public final class Methods {

	public static final String INITIALIZE = "initialize";

	public static final String TOOLS_LIST = "tools/list";

	public static final String TOOLS_CALL = "tools/call";

	public static final String PING = "ping";

	public static final String RESOURCES_LIST = "resources/list";

	public static final String RESOURCES_TEMPLATES_LIST = "resources/templates/list";

	public static final String RESOURCES_READ = "resources/read";

	public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";

	public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";

	public static final String PROMPTS_LIST = "prompts/list";

	public static final String PROMPTS_GET = "prompts/get";

	public static final String COMPLETION_COMPLETE = "completion/complete";

	/**
	 * Methods a worker passes to the upstream as they are, params and result untouched.
	 * initialize is not among them: every process was initialized once when it started,
	 * and a client's initialize is answered from that.
	 */
	public static final Set<String> PASSED_THROUGH = Set.of(PING, TOOLS_LIST, TOOLS_CALL, RESOURCES_LIST,
			RESOURCES_TEMPLATES_LIST, RESOURCES_READ, RESOURCES_SUBSCRIBE, RESOURCES_UNSUBSCRIBE, PROMPTS_LIST,
			PROMPTS_GET, COMPLETION_COMPLETE);

	/** Methods a worker knows how to execute. */
	public static final Set<String> SUPPORTED = union(Set.of(INITIALIZE), PASSED_THROUGH);

	private Methods() {
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		java.util.Set<String> all = new java.util.HashSet<>(first);
		all.addAll(second);
		return Set.copyOf(all);
	}

}
