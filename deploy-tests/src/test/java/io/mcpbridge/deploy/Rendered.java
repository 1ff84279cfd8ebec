package io.mcpbridge.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.Yaml;

/** The objects of one {@code helm template} output, found by kind and name. */
record Rendered(List<Map<String, Object>> objects) {

	@SuppressWarnings("unchecked")
	static Rendered parse(String manifests) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml().loadAll(manifests)) {
			if (document != null) {
				objects.add((Map<String, Object>) document);
			}
		}
		return new Rendered(objects);
	}

	List<String> kinds() {
		return objects.stream().map(object -> (String) object.get("kind")).sorted().toList();
	}

	List<Map<String, Object>> ofKind(String kind) {
		return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
	}

	/** The one object of this kind whose name ends with the suffix. */
	Map<String, Object> get(String kind, String nameSuffix) {
		List<Map<String, Object>> found = ofKind(kind).stream()
			.filter(object -> ((String) at(object, "metadata", "name")).endsWith(nameSuffix))
			.toList();
		if (found.size() != 1) {
			throw new AssertionError("expected one " + kind + " named *" + nameSuffix + ", found " + found.size());
		}
		return found.get(0);
	}

	/** Follows keys (String) and list indices (Integer). */
	@SuppressWarnings("unchecked")
	static <T> T at(Object node, Object... path) {
		Object current = node;
		for (Object step : path) {
			Objects.requireNonNull(current, () -> "nothing at " + List.of(path));
			current = step instanceof Integer index ? ((List<Object>) current).get(index)
					: ((Map<String, Object>) current).get(step);
		}
		return (T) current;
	}

	/** The first container of a Deployment. */
	static Map<String, Object> container(Map<String, Object> deployment) {
		return at(deployment, "spec", "template", "spec", "containers", 0);
	}

	/** A container's environment as name to value (or to its valueFrom). */
	@SuppressWarnings("unchecked")
	static Map<String, Object> env(Map<String, Object> container) {
		Map<String, Object> env = new java.util.LinkedHashMap<>();
		for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
			env.put((String) variable.get("name"),
					variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"));
		}
		return env;
	}
}
