package io.mcpbridge.homesim.home;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Validates an automation (alias, one trigger, one or more actions) and builds its
 * {@code automation.<slug>} entity. Checks what a typo would break: the trigger platform,
 * the entities and services it refers to.
 */
final class AutomationFactory {

	static final int MAX_ALIAS_LENGTH = 100;

	static final int MAX_ACTIONS = 20;

	private static final Set<String> PLATFORMS = Set.of("state", "numeric_state", "time", "sun");

	private final Predicate<String> entityExists;

	private final ServiceCatalog services;

	AutomationFactory(Predicate<String> entityExists, ServiceCatalog services) {
		this.entityExists = entityExists;
		this.services = services;
	}

	static String entityId(String alias) {
		if (alias == null || alias.isBlank() || alias.length() > MAX_ALIAS_LENGTH) {
			throw HomeException
				.invalid("alias must be a non-blank string of at most " + MAX_ALIAS_LENGTH + " characters");
		}
		String slug = alias.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (slug.isEmpty()) {
			throw HomeException.invalid("alias must contain at least one letter or digit: " + alias);
		}
		return "automation." + slug;
	}

	EntityState build(String alias, Map<String, Object> trigger, Object action, Instant now) {
		String entityId = entityId(alias);
		checkTrigger(trigger);
		List<Object> actions = action instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
		if (action instanceof Map<?, ?>) {
			actions.add(action);
		}
		if (actions.isEmpty() || actions.size() > MAX_ACTIONS) {
			throw HomeException.invalid("action must be an object or an array of 1.." + MAX_ACTIONS + " objects");
		}
		actions.forEach(this::checkAction);
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("friendly_name", alias);
		attributes.put("trigger", Json.freeze(trigger));
		attributes.put("action", Json.freeze(actions));
		attributes.put("mode", "single");
		attributes.put("last_triggered", null);
		return new EntityState(entityId, "on", attributes, now);
	}

	private void checkTrigger(Map<String, Object> trigger) {
		if (trigger == null) {
			throw HomeException.invalid("trigger is required: an object with a platform (" + PLATFORMS + ")");
		}
		Object platform = trigger.get("platform");
		if (!(platform instanceof String name) || !PLATFORMS.contains(name)) {
			throw HomeException.invalid("trigger.platform must be one of " + PLATFORMS + ", got " + platform);
		}
		switch (name) {
			case "state", "numeric_state" -> checkEntity("trigger.entity_id", trigger.get("entity_id"), null);
			case "time" -> {
				if (!(trigger.get("at") instanceof String at) || !at.matches("([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?")) {
					throw HomeException.invalid("a time trigger needs trigger.at as HH:MM or HH:MM:SS");
				}
			}
			default -> {
				if (!Set.of("sunrise", "sunset").contains(trigger.get("event"))) {
					throw HomeException.invalid("a sun trigger needs trigger.event sunrise or sunset");
				}
			}
		}
	}

	private void checkAction(Object action) {
		if (!(action instanceof Map<?, ?> map)) {
			throw HomeException.invalid("each action must be an object, got " + action);
		}
		Object service = map.get("service");
		String[] parts = service instanceof String s ? s.split("\\.", -1) : new String[0];
		if (parts.length != 2 || !this.services.exists(parts[0], parts[1])) {
			throw HomeException
				.invalid("action.service must name an existing service as domain.service, got " + service);
		}
		if (map.containsKey("entity_id")) {
			checkEntity("action.entity_id", map.get("entity_id"), parts[0]);
		}
		if (map.containsKey("data") && !(map.get("data") instanceof Map<?, ?>)) {
			throw HomeException.invalid("action.data must be an object");
		}
	}

	private void checkEntity(String field, Object value, String requiredDomain) {
		if (!(value instanceof String entityId) || !this.entityExists.test(entityId)) {
			throw HomeException.invalid(field + " must name an existing entity, got " + value);
		}
		if (requiredDomain != null && !entityId.startsWith(requiredDomain + ".")) {
			throw HomeException.invalid(field + " " + entityId + " is not in domain " + requiredDomain);
		}
	}

}
