package io.mcpbridge.homesim.home;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every service of the home, by domain. Sensors and binary sensors are read-only: they
 * have none.
 */
final class ServiceCatalog {

	private final Map<String, Service> byName = new LinkedHashMap<>();

	ServiceCatalog() {
		LightServices.all().forEach(this::add);
		onOffServices("switch").forEach(this::add);
		ClimateServices.all().forEach(this::add);
		CoverServices.all().forEach(this::add);
		// Automations are enabled/disabled like switches.
		onOffServices("automation").forEach(this::add);
	}

	private void add(Service service) {
		this.byName.put(service.domain() + "." + service.name(), service);
	}

	/**
	 * @throws HomeException UNKNOWN_DOMAIN for a domain the home does not know,
	 * UNKNOWN_SERVICE for a service the domain does not have (the message lists the ones
	 * it has)
	 */
	Service find(String domain, String service) {
		Domain.parse(domain);
		Service found = this.byName.get(domain + "." + service);
		if (found == null) {
			List<String> available = new ArrayList<>();
			this.byName.values().stream().filter(s -> s.domain().equals(domain)).forEach(s -> available.add(s.name()));
			throw new HomeException(HomeException.Kind.UNKNOWN_SERVICE,
					"Unknown service: " + domain + "." + service + (available.isEmpty()
							? " (domain " + domain + " has no services)" : " (available: " + available + ")"));
		}
		return found;
	}

	boolean exists(String domain, String service) {
		return this.byName.containsKey(domain + "." + service);
	}

	List<ServiceInfo> infos() {
		return this.byName.values().stream().map(Service::info).toList();
	}

	private static List<Service> onOffServices(String domain) {
		return List.of(
				new Service(domain, "turn_on", "Turn on.", Map.of(), (current, data) -> onOff(data, "on", current)),
				new Service(domain, "turn_off", "Turn off.", Map.of(), (current, data) -> onOff(data, "off", current)),
				new Service(domain, "toggle", "Turn on if off, off if on.", Map.of(),
						(current, data) -> onOff(data, "on".equals(current.state()) ? "off" : "on", current)));
	}

	private static Service.Change onOff(ServiceData data, String state, EntityState current) {
		data.allowOnly(Set.of());
		return new Service.Change(state, current.attributes());
	}

}
