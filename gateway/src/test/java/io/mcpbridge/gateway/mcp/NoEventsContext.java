package io.mcpbridge.gateway.mcp;

import java.util.List;
import java.util.function.BiPredicate;

import tools.jackson.databind.JsonNode;

/**
 * An exchange's context for unit tests: an empty event list, and the hooks a test
 * watches.
 */
final class NoEventsContext implements McpExchange.Context {

	private final Runnable onClientGone;

	private final BiPredicate<JsonNode, Long> divert;

	NoEventsContext(Runnable onClientGone, BiPredicate<JsonNode, Long> divert) {
		this.onClientGone = onClientGone;
		this.divert = divert;
	}

	@Override
	public List<JsonNode> eventsAfter(long sequence) {
		return List.of();
	}

	@Override
	public void streamStarted() {
	}

	@Override
	public void clientGone() {
		onClientGone.run();
	}

	@Override
	public boolean divert(JsonNode message, long sequence) {
		return divert.test(message, sequence);
	}

}
