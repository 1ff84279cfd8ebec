package io.mcpbridge.common.tenants;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import io.mcpbridge.common.Identifiers;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the tenants file strictly: an unknown key, a duplicate tenant id or API key, a
 * key that is not {@code sha256:<64 hex>} or a value of the wrong shape is refused with
 * the file's name and the line. The YAML is composed into nodes (never constructed into
 * arbitrary objects), with aliases and size bounded. Shared by the gateway (identity,
 * limits) and the worker (per-tenant upstream environments), so both read a file alike.
 */
public final class TenantsFileParser {

	/** The largest tenants file read (a file this big is a mistake, not a config). */
	public static final int MAX_BYTES = 4 * 1024 * 1024;

	private static final Pattern KEY_HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

	private static final Set<String> TOP_KEYS = Set.of("tenants");

	private static final Set<String> TENANT_KEYS = Set.of("id", "api-keys", "upstreams", "max-pending", "rate-limit",
			"upstream-env", "operator");

	private static final Set<String> RATE_LIMIT_KEYS = Set.of("capacity", "refill-per-second");

	private final String source;

	private TenantsFileParser(String source) {
		this.source = source;
	}

	/** Reads and checks a tenants file. */
	public static List<Tenant> read(Path file) {
		String text;
		try {
			if (Files.size(file) > MAX_BYTES) {
				throw new TenantsFileException(file + ": larger than " + MAX_BYTES + " bytes");
			}
			text = Files.readString(file);
		}
		catch (IOException unreadable) {
			throw new TenantsFileException(file + ": cannot be read (" + unreadable.getClass().getSimpleName() + ")");
		}
		return parse(file.toString(), new StringReader(text));
	}

	/** Checks a tenants file's text; {@code source} names it in messages. */
	public static List<Tenant> parse(String source, Reader text) {
		return new TenantsFileParser(source).parse(text);
	}

	private List<Tenant> parse(Reader text) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(0);
		options.setAllowRecursiveKeys(false);
		options.setCodePointLimit(MAX_BYTES);
		Node root;
		try {
			root = new Yaml(new SafeConstructor(options)).compose(text);
		}
		catch (MarkedYAMLException malformed) {
			int line = malformed.getProblemMark() != null ? malformed.getProblemMark().getLine() + 1 : 0;
			throw new TenantsFileException(source + ":" + line + ": not valid YAML: " + malformed.getProblem());
		}
		catch (YAMLException malformed) {
			throw new TenantsFileException(source + ": not valid YAML: " + malformed.getMessage());
		}
		if (root == null) {
			throw new TenantsFileException(source + ": empty; it needs a 'tenants:' list");
		}
		Map<String, NodeTuple> top = mapping(root, "the file", TOP_KEYS);
		NodeTuple tenantsEntry = top.get("tenants");
		if (tenantsEntry == null) {
			throw error(root, "it needs a 'tenants:' list");
		}
		if (!(tenantsEntry.getValueNode() instanceof SequenceNode list)) {
			throw error(tenantsEntry.getValueNode(), "'tenants' must be a list");
		}
		List<Tenant> tenants = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		Set<String> keys = new HashSet<>();
		for (Node item : list.getValue()) {
			Tenant tenant = tenant(item, keys);
			if (!ids.add(tenant.id())) {
				throw error(item, "duplicate tenant id '" + tenant.id() + "'");
			}
			tenants.add(tenant);
		}
		return List.copyOf(tenants);
	}

	private Tenant tenant(Node node, Set<String> keysSeen) {
		Map<String, NodeTuple> fields = mapping(node, "a tenant", TENANT_KEYS);
		NodeTuple idField = fields.get("id");
		if (idField == null) {
			throw error(node, "a tenant needs an 'id'");
		}
		String id = scalar(idField.getValueNode(), "id");
		if (!Identifiers.isValidName(id)) {
			throw error(idField.getValueNode(), "id must be 1-64 letters, digits, '.', '_' or '-': '" + id + "'");
		}
		List<byte[]> apiKeys = new ArrayList<>();
		NodeTuple keysField = fields.get("api-keys");
		if (keysField != null) {
			for (Node keyNode : sequence(keysField.getValueNode(), "api-keys")) {
				String hash = scalar(keyNode, "an API key");
				if (!KEY_HASH.matcher(hash).matches()) {
					throw error(keyNode, "an API key must be stored as sha256:<64 hex digits> "
							+ "(printf %s KEY | sha256sum), never in clear");
				}
				String hex = hash.substring("sha256:".length()).toLowerCase();
				if (!keysSeen.add(hex)) {
					throw error(keyNode, "this API key hash is listed twice");
				}
				apiKeys.add(HexFormat.of().parseHex(hex));
			}
		}
		Optional<Set<String>> upstreams = Optional.empty();
		NodeTuple upstreamsField = fields.get("upstreams");
		if (upstreamsField != null) {
			Set<String> names = new LinkedHashSet<>();
			for (Node upstreamNode : sequence(upstreamsField.getValueNode(), "upstreams")) {
				names.add(name(upstreamNode, "an upstream"));
			}
			upstreams = Optional.of(names);
		}
		OptionalInt maxPending = OptionalInt.empty();
		NodeTuple maxPendingField = fields.get("max-pending");
		if (maxPendingField != null) {
			maxPending = OptionalInt.of((int) integer(maxPendingField.getValueNode(), "max-pending", 1_000_000));
		}
		Optional<RateLimit> rateLimit = Optional.empty();
		NodeTuple rateLimitField = fields.get("rate-limit");
		if (rateLimitField != null) {
			rateLimit = Optional.of(rateLimit(rateLimitField.getValueNode()));
		}
		Map<String, Map<String, String>> env = Map.of();
		NodeTuple envField = fields.get("upstream-env");
		if (envField != null) {
			env = upstreamEnv(envField.getValueNode());
		}
		boolean operator = false;
		NodeTuple operatorField = fields.get("operator");
		if (operatorField != null) {
			String flag = scalar(operatorField.getValueNode(), "operator");
			if (!"true".equals(flag) && !"false".equals(flag)) {
				throw error(operatorField.getValueNode(), "operator must be true or false");
			}
			operator = Boolean.parseBoolean(flag);
		}
		return new Tenant(id, apiKeys, upstreams, maxPending, rateLimit, env, operator);
	}

	private RateLimit rateLimit(Node node) {
		Map<String, NodeTuple> fields = mapping(node, "rate-limit", RATE_LIMIT_KEYS);
		NodeTuple capacity = fields.get("capacity");
		NodeTuple refill = fields.get("refill-per-second");
		if (capacity == null || refill == null) {
			throw error(node, "rate-limit needs capacity and refill-per-second");
		}
		long burst = integer(capacity.getValueNode(), "capacity", 1_000_000_000);
		double perSecond = number(refill.getValueNode(), "refill-per-second", Double.MIN_VALUE, 1_000_000_000);
		return new RateLimit(burst, perSecond);
	}

	private Map<String, Map<String, String>> upstreamEnv(Node node) {
		Map<String, Map<String, String>> env = new LinkedHashMap<>();
		for (NodeTuple perUpstream : tuples(node, "upstream-env")) {
			String upstream = name(perUpstream.getKeyNode(), "an upstream");
			Map<String, String> variables = new LinkedHashMap<>();
			for (NodeTuple variable : tuples(perUpstream.getValueNode(), "upstream-env." + upstream)) {
				String name = scalar(variable.getKeyNode(), "a variable name");
				if (!ENV_NAME.matcher(name).matches()) {
					throw error(variable.getKeyNode(), "not an environment variable name: '" + name + "'");
				}
				// The value is a credential: it never appears in a message.
				variables.put(name, scalar(variable.getValueNode(), "the value of " + name));
			}
			env.put(upstream, Map.copyOf(variables));
		}
		return env;
	}

	private Map<String, NodeTuple> mapping(Node node, String what, Set<String> known) {
		Map<String, NodeTuple> fields = new LinkedHashMap<>();
		for (NodeTuple tuple : tuples(node, what)) {
			String key = scalar(tuple.getKeyNode(), "a key");
			if (!known.contains(key)) {
				throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (known: "
						+ String.join(", ", known.stream().sorted().toList()) + ")");
			}
			if (fields.put(key, tuple) != null) {
				throw error(tuple.getKeyNode(), "duplicate key '" + key + "'");
			}
		}
		return fields;
	}

	private List<NodeTuple> tuples(Node node, String what) {
		if (!(node instanceof MappingNode map)) {
			throw error(node, what + " must be a mapping (key: value)");
		}
		return map.getValue();
	}

	private List<Node> sequence(Node node, String what) {
		if (!(node instanceof SequenceNode list)) {
			throw error(node, what + " must be a list");
		}
		return list.getValue();
	}

	private String scalar(Node node, String what) {
		if (!(node instanceof ScalarNode value)) {
			throw error(node, what + " must be a single value");
		}
		return value.getValue();
	}

	private String name(Node node, String what) {
		String name = scalar(node, what);
		if (!Identifiers.isValidName(name)) {
			throw error(node, what + " must be 1-64 letters, digits, '.', '_' or '-': '" + name + "'");
		}
		return name;
	}

	private double number(Node node, String what, double min, double max) {
		String text = scalar(node, what);
		double value;
		try {
			value = Double.parseDouble(text);
		}
		catch (NumberFormatException notANumber) {
			throw error(node, what + " must be a number: '" + text + "'");
		}
		if (!(value >= min && value <= max)) {
			throw error(node, what + " must be between " + (min < 1 ? "0 (excluded)" : (long) min) + " and "
					+ (long) max + ": " + text);
		}
		return value;
	}

	private long integer(Node node, String what, long max) {
		double value = number(node, what, 1, max);
		if (value != Math.rint(value)) {
			throw error(node, what + " must be a whole number: " + scalar(node, what));
		}
		return (long) value;
	}

	private TenantsFileException error(Node node, String problem) {
		return new TenantsFileException(source + ":" + (node.getStartMark().getLine() + 1) + ": " + problem);
	}

}
