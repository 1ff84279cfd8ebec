package io.mcpbridge.homesim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpbridge.homesim.home.Domain;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Names, input schemas and annotations of the six tools. The annotations are truthful:
 * nothing here touches the outside world (openWorldHint false); only call_service and
 * create_automation change the home, neither deletes or overwrites anything
 * (destructiveHint false), and only create_automation is idempotent (toggle is not).
 */
final class ToolDefinitions {

	static final String GET_ENTITIES = "get_entities";

	static final String GET_ENTITY_STATE = "get_entity_state";

	static final String CALL_SERVICE = "call_service";

	static final String GET_SERVICES = "get_services";

	static final String CREATE_AUTOMATION = "create_automation";

	static final String GET_HISTORY = "get_history";

	private static final Map<String, Object> ENTITY_ID = string("An entity id such as light.kitchen.");

	private ToolDefinitions() {
	}

	static McpSchema.Tool getEntities() {
		Map<String, Object> domain = string("Only entities of this domain.");
		domain.put("enum", Arrays.stream(Domain.values()).map(Domain::id).toList());
		return tool(GET_ENTITIES, "List entities",
				"Lists entities with state and attributes; 'automation' lists created automations.",
				schema(ordered("domain", domain), List.of()), readOnly());
	}

	static McpSchema.Tool getEntityState() {
		return tool(GET_ENTITY_STATE, "Get entity state", "Returns the current state and attributes of one entity.",
				schema(ordered("entity_id", ENTITY_ID), List.of("entity_id")), readOnly());
	}

	static McpSchema.Tool callService() {
		Map<String, Object> properties = ordered("domain", string("Service domain, e.g. light."), "service",
				string("Service name, e.g. turn_on (see get_services)."), "entity_id", ENTITY_ID, "data",
				ordered("type", "object", "description", "Service data, e.g. {\"brightness\": 120}."));
		return tool(CALL_SERVICE, "Call a service",
				"Calls a service on one entity, e.g. light.turn_on; returns the new state.",
				schema(properties, List.of("domain", "service", "entity_id")), annotations(false, false));
	}

	static McpSchema.Tool getServices() {
		return tool(GET_SERVICES, "List services",
				"Lists the domains and their services with the data fields they accept.", schema(ordered(), List.of()),
				readOnly());
	}

	static McpSchema.Tool createAutomation() {
		Map<String, Object> trigger = ordered("type", "object", "description",
				"{\"platform\": \"state\"|\"numeric_state\", \"entity_id\": ...} or {\"platform\":"
						+ " \"time\", \"at\": \"07:00\"}" + " or {\"platform\": \"sun\", \"event\": \"sunset\"}.");
		Map<String, Object> action = ordered("type", List.of("object", "array"), "description",
				"One or more {\"service\": \"light.turn_on\", \"entity_id\": \"light.porch\", \"data\": {...}}.");
		return tool(CREATE_AUTOMATION, "Create an automation",
				"Creates automation.<slug of alias>. The same definition again returns it unchanged.",
				schema(ordered("alias", string("Human-readable name."), "trigger", trigger, "action", action),
						List.of("alias", "trigger", "action")),
				annotations(false, true));
	}

	static McpSchema.Tool getHistory() {
		Map<String, Object> properties = ordered("entity_id", ENTITY_ID, "start",
				string("ISO-8601 date-time, inclusive; default: the beginning."), "end",
				string("ISO-8601 date-time, inclusive; default: now."));
		return tool(GET_HISTORY, "Get history",
				"Returns the recorded states of an entity in this process, oldest first.",
				schema(properties, List.of("entity_id")), readOnly());
	}

	private static McpSchema.Tool tool(String name, String title, String description, Map<String, Object> inputSchema,
			McpSchema.ToolAnnotations.Builder annotations) {
		return McpSchema.Tool.builder()
			.name(name)
			.title(title)
			.description(description)
			.inputSchema(inputSchema)
			.annotations(annotations.title(title).build())
			.build();
	}

	private static McpSchema.ToolAnnotations.Builder readOnly() {
		return McpSchema.ToolAnnotations.builder()
			.readOnlyHint(true)
			.destructiveHint(false)
			.idempotentHint(true)
			.openWorldHint(false);
	}

	private static McpSchema.ToolAnnotations.Builder annotations(boolean readOnly, boolean idempotent) {
		return McpSchema.ToolAnnotations.builder()
			.readOnlyHint(readOnly)
			.destructiveHint(false)
			.idempotentHint(idempotent)
			.openWorldHint(false);
	}

	private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		schema.put("required", required);
		schema.put("additionalProperties", false);
		return schema;
	}

	private static Map<String, Object> string(String description) {
		return ordered("type", "string", "description", description);
	}

	/**
	 * Like Map.of but with a stable iteration order: Map.of's order changes between JVM
	 * runs.
	 */
	static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
