package io.mcpbridge.homesim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpbridge.homesim.home.EntityState;
import io.mcpbridge.homesim.home.Home;
import io.mcpbridge.homesim.home.HomeAccess;
import io.mcpbridge.homesim.home.Mutation;
import io.mcpbridge.homesim.home.ServiceInfo;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;

/**
 * The six tools: argument parsing and the JSON shape of each result. Each call is one
 * read or one write through {@link HomeAccess}, so with a shared home it sees every
 * change made before it, in any process.
 */
final class HomeTools {

	private final HomeAccess home;

	private final ToolInvoker invoker;

	HomeTools(HomeAccess home, ToolInvoker invoker) {
		this.home = home;
		this.invoker = invoker;
	}

	List<SyncToolSpecification> specifications() {
		return List.of(this.invoker.tool(ToolDefinitions.getEntities(), this::getEntities),
				this.invoker.tool(ToolDefinitions.getEntityState(), this::getEntityState),
				this.invoker.tool(ToolDefinitions.callService(), this::callService),
				this.invoker.tool(ToolDefinitions.getServices(), this::getServices),
				this.invoker.tool(ToolDefinitions.createAutomation(), this::createAutomation),
				this.invoker.tool(ToolDefinitions.getHistory(), this::getHistory));
	}

	Map<String, Object> getEntities(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.GET_ENTITIES, arguments, Set.of("domain"));
		String domain = args.optionalString("domain");
		List<Map<String, Object>> entities = this.home.read(h -> h.entities(domain))
			.stream()
			.map(EntityState::toJson)
			.toList();
		Map<String, Object> result = new LinkedHashMap<>();
		if (domain != null) {
			result.put("domain", domain);
		}
		result.put("count", entities.size());
		result.put("entities", entities);
		return result;
	}

	Map<String, Object> getEntityState(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.GET_ENTITY_STATE, arguments, Set.of("entity_id"));
		String entityId = args.requiredString("entity_id");
		return this.home.read(h -> h.entity(entityId)).toJson();
	}

	Map<String, Object> callService(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.CALL_SERVICE, arguments,
				Set.of("domain", "service", "entity_id", "data"));
		return this.home
			.write(new Mutation.CallService(args.requiredString("domain"), args.requiredString("service"),
					args.requiredString("entity_id"), args.optionalObject("data")))
			.toJson();
	}

	Map<String, Object> getServices(Map<String, Object> arguments) {
		new ToolArguments(ToolDefinitions.GET_SERVICES, arguments, Set.of());
		Map<String, List<Map<String, Object>>> byDomain = new LinkedHashMap<>();
		for (ServiceInfo info : this.home.read(Home::services)) {
			byDomain.computeIfAbsent(info.domain(), d -> new ArrayList<>())
				.add(ToolDefinitions.ordered("service", info.service(), "description", info.description(), "fields",
						info.fields()));
		}
		List<Map<String, Object>> domains = new ArrayList<>();
		byDomain.forEach(
				(domain, services) -> domains.add(ToolDefinitions.ordered("domain", domain, "services", services)));
		return ToolDefinitions.ordered("domains", domains);
	}

	Map<String, Object> createAutomation(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.CREATE_AUTOMATION, arguments,
				Set.of("alias", "trigger", "action"));
		return this.home
			.write(new Mutation.CreateAutomation(args.requiredString("alias"), args.optionalObject("trigger"),
					args.raw("action")))
			.toJson();
	}

	Map<String, Object> getHistory(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.GET_HISTORY, arguments,
				Set.of("entity_id", "start", "end"));
		String entityId = args.requiredString("entity_id");
		Instant start = args.optionalInstant("start");
		Instant end = args.optionalInstant("end");
		List<Map<String, Object>> history = this.home.read(h -> h.history(entityId, start, end))
			.stream()
			.map(EntityState::toHistoryJson)
			.toList();
		return ToolDefinitions.ordered("entity_id", entityId, "count", history.size(), "history", history);
	}

}
