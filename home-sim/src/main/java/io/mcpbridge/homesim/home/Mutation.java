package io.mcpbridge.homesim.home;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change to the home, named like the tool that asks for it. A value, not an action:
 * the same mutation at the same instant, applied to the same state, gives the same result
 * in every process. That is what lets {@link JournaledHome} share one home between
 * processes by journaling mutations instead of states.
 */
public sealed interface Mutation permits Mutation.CallService, Mutation.CreateAutomation {

	/** The journal's name for it: the tool's name. */
	String op();

	/**
	 * The journal's arguments: the tool's own argument names, so a journal line reads
	 * like the call.
	 */
	Map<String, Object> arguments();

	Home.Prepared prepare(Home home, Instant at);

	/**
	 * Decodes {@link #op()} and {@link #arguments()}. @throws IllegalArgumentException
	 * for anything else
	 */
	static Mutation of(String op, Map<String, Object> arguments) {
		return switch (op) {
			case CallService.OP -> new CallService(string(arguments, "domain"), string(arguments, "service"),
					string(arguments, "entity_id"), object(arguments, "data"));
			case CreateAutomation.OP ->
				new CreateAutomation(string(arguments, "alias"), object(arguments, "trigger"), arguments.get("action"));
			default -> throw new IllegalArgumentException("unknown op " + op);
		};
	}

	record CallService(String domain, String service, String entityId, Map<String, Object> data) implements Mutation {

		static final String OP = "call_service";

		@Override
		public String op() {
			return OP;
		}

		@Override
		public Map<String, Object> arguments() {
			Map<String, Object> arguments = new LinkedHashMap<>();
			arguments.put("domain", this.domain);
			arguments.put("service", this.service);
			arguments.put("entity_id", this.entityId);
			arguments.put("data", this.data);
			return arguments;
		}

		@Override
		public Home.Prepared prepare(Home home, Instant at) {
			return home.prepareCallService(this.domain, this.service, this.entityId, this.data, at);
		}

	}

	record CreateAutomation(String alias, Map<String, Object> trigger, Object action) implements Mutation {

		static final String OP = "create_automation";

		@Override
		public String op() {
			return OP;
		}

		@Override
		public Map<String, Object> arguments() {
			Map<String, Object> arguments = new LinkedHashMap<>();
			arguments.put("alias", this.alias);
			arguments.put("trigger", this.trigger);
			arguments.put("action", this.action);
			return arguments;
		}

		@Override
		public Home.Prepared prepare(Home home, Instant at) {
			return home.prepareAutomation(this.alias, this.trigger, this.action, at);
		}

	}

	private static String string(Map<String, Object> arguments, String name) {
		Object value = arguments.get(name);
		if (value != null && !(value instanceof String)) {
			throw new IllegalArgumentException(name + " must be a string");
		}
		return (String) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(Map<String, Object> arguments, String name) {
		Object value = arguments.get(name);
		if (value != null && !(value instanceof Map)) {
			throw new IllegalArgumentException(name + " must be an object");
		}
		return (Map<String, Object>) value;
	}

}
