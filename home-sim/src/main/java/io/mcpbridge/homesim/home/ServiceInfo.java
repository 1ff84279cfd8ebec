package io.mcpbridge.homesim.home;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code get_services} reports about one service: no handler, only the description
 * of its contract.
 */
public record ServiceInfo(String domain, String service, String description, Map<String, String> fields) {

	public ServiceInfo {
		// Sorted: the listing must be byte-for-byte stable between runs.
		fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
	}

}
