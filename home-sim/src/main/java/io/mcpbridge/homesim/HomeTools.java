package io.mcpbridge.homesim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpbridge.homesim.home.EntityState;
import io.mcpbridge.homesim.home.Home;
import io.mcpbridge.homesim.home.ServiceInfo;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;

/** The six tools: argument parsing and the JSON shape of each result, over one {@link Home}. */
final class HomeTools {

	private final Home home;

	private final ToolInvoker invoker;

	HomeTools(Home home, ToolInvoker invoker) {
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
		List<Map<String, Object>> entities = this.home.entities(domain).stream().map(EntityState::toJson).toList();
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
		return this.home.entity(args.requiredString("entity_id")).toJson();
	}

	Map<String, Object> callService(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.CALL_SERVICE, arguments,
				Set.of("domain", "service", "entity_id", "data"));
		return this.home
			.callService(args.requiredString("domain"), args.requiredString("service"), args.requiredString("entity_id"),
					args.optionalObject("data"))
			.toJson();
	}

	Map<String, Object> getServices(Map<String, Object> arguments) {
		new ToolArguments(ToolDefinitions.GET_SERVICES, arguments, Set.of());
		Map<String, List<Map<String, Object>>> byDomain = new LinkedHashMap<>();
		for (ServiceInfo info : this.home.services()) {
			byDomain.computeIfAbsent(info.domain(), d -> new ArrayList<>())
				.add(ToolDefinitions.ordered("service", info.service(), "description", info.description(), "fields",
						info.fields()));
		}
		List<Map<String, Object>> domains = new ArrayList<>();
		byDomain.forEach((domain, services) -> domains.add(ToolDefinitions.ordered("domain", domain, "services", services)));
		return ToolDefinitions.ordered("domains", domains);
	}

	Map<String, Object> createAutomation(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.CREATE_AUTOMATION, arguments,
				Set.of("alias", "trigger", "action"));
		return this.home
			.createAutomation(args.requiredString("alias"), args.optionalObject("trigger"), args.raw("action"))
			.toJson();
	}

	Map<String, Object> getHistory(Map<String, Object> arguments) {
		ToolArguments args = new ToolArguments(ToolDefinitions.GET_HISTORY, arguments, Set.of("entity_id", "start", "end"));
		String entityId = args.requiredString("entity_id");
		List<Map<String, Object>> history = this.home
			.history(entityId, args.optionalInstant("start"), args.optionalInstant("end"))
			.stream()
			.map(EntityState::toHistoryJson)
			.toList();
		return ToolDefinitions.ordered("entity_id", entityId, "count", history.size(), "history", history);
	}

}
