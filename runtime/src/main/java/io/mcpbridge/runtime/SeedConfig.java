package io.mcpbridge.runtime;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's {@code config/bridge.yaml}, validated whole and mapped onto the bridge's
 * properties. Every section of the seed is accepted; keys of capabilities the bridge does
 * not have yet ({@code queue.max_retries}, {@code tenants}) are type-checked and have no
 * effect (the README lists which keys take effect).
 *
 * @param gateway properties for the gateway
 * @param worker properties for the worker
 * @param pool {@code session_pool} as pool properties ({@code min}, {@code max}...),
 * applied to every upstream of the worker
 */
record SeedConfig(Map<String, Object> gateway, Map<String, Object> worker, Map<String, Object> pool) {

	static final List<String> SECTIONS = List.of("bridge", "queue", "session_pool", "cache", "rate_limiting",
			"circuit_breaker", "logging", "monitoring", "upstreams", "tenants");

	/** Maps a parsed file ({@code null} for an empty one). */
	static SeedConfig map(String file, Map<?, ?> document) {
		SeedSection root = new SeedSection(file, "", document);
		SeedConfig config = new SeedConfig(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
		config.bridge(root.section("bridge"));
		config.queue(root.section("queue"));
		config.sessionPool(root.section("session_pool"));
		config.cache(root.section("cache"));
		config.rateLimiting(root.section("rate_limiting"));
		config.circuitBreaker(root.section("circuit_breaker"));
		config.logging(root.section("logging"));
		config.monitoring(root.section("monitoring"));
		config.upstreams(root.sections("upstreams"));
		List<SeedSection> tenants = root.sections("tenants");
		if (tenants != null) {
			tenants.forEach(tenant -> checkOnly(tenant, section -> {
				section.string("name");
				section.strings("api_keys");
				section.strings("upstreams");
			}));
		}
		root.requireNoOtherKeys();
		return config;
	}

	private static void checkOnly(SeedSection section, java.util.function.Consumer<SeedSection> keys) {
		keys.accept(section);
		section.requireNoOtherKeys();
	}

	private void both(String property, Object value) {
		if (value != null) {
			gateway.put(property, value);
			worker.put(property, value);
		}
	}

	private static void put(Map<String, Object> target, String property, Object value) {
		if (value != null) {
			target.put(property, value);
		}
	}

	/** The worker's breakers ({@code bridge.circuit-breaker.*}). */
	private void circuitBreaker(SeedSection section) {
		put(worker, "bridge.circuit-breaker.enabled", section.bool("enabled"));
		put(worker, "bridge.circuit-breaker.failure-threshold", section.integer("failure_threshold", 1));
		put(worker, "bridge.circuit-breaker.open-duration", section.seconds("recovery_timeout_seconds", 0.01));
		section.requireNoOtherKeys();
	}

	private void bridge(SeedSection section) {
		put(gateway, "server.address", section.string("host"));
		put(gateway, "server.port", section.integer("port", 0));
		// The seed's worker count: poll threads of each worker process (the fleet's size
		// is its replicas).
		put(worker, "bridge.kafka.concurrency", section.integer("workers", 1));
		Boolean debug = section.bool("debug");
		if (Boolean.TRUE.equals(debug)) {
			both("logging.level.io.mcpbridge", "DEBUG");
		}
		section.requireNoOtherKeys();
	}

	private void queue(SeedSection section) {
		put(gateway, "bridge.queue.max-pending", section.integer("max_size", 1));
		put(gateway, "bridge.queue.default-timeout", section.seconds("timeout_seconds", 0.001));
		requireOn(section, "priority_enabled", "priorities are how the bridge orders work");
		requireOn(section, "deduplication_enabled", "request ids are always de-duplicated");
		section.integer("max_retries", 0);
		section.requireNoOtherKeys();
	}

	/**
	 * A switch the seed offers but the bridge cannot turn off: false is refused rather
	 * than ignored.
	 */
	private static void requireOn(SeedSection section, String key, String why) {
		Boolean value = section.bool(key);
		if (Boolean.FALSE.equals(value)) {
			throw section.fail(key, "cannot be false (" + why + ")", false);
		}
	}

	private void sessionPool(SeedSection section) {
		put(pool, "min", section.integer("min_connections", 1));
		put(pool, "max", section.integer("max_connections", 1));
		put(pool, "target", section.integer("target_connections", 1));
		put(pool, "auto-scale", section.bool("auto_scale"));
		put(pool, "health-check-interval", section.seconds("health_check_interval_seconds", 0.001));
		put(pool, "idle-timeout", section.seconds("idle_timeout_seconds", 0.001));
		put(pool, "scale-factor", section.number("scale_factor", 1));
		section.requireNoOtherKeys();
	}

	private void cache(SeedSection section) {
		Boolean enabled = section.bool("enabled");
		if (Boolean.FALSE.equals(enabled)) {
			gateway.put("bridge.cache.l1.enabled", false);
			gateway.put("bridge.cache.l2.enabled", false);
		}
		put(gateway, "bridge.cache.default-ttl", section.seconds("default_ttl_seconds", 0));
		put(gateway, "bridge.cache.l1.max-entries", section.integer("max_size", 1));
		SeedSection levels = section.section("levels");
		SeedSection l1 = levels.section("l1");
		l1.oneOf("type", Set.of("memory"));
		put(gateway, "bridge.cache.l1.max-entries", l1.integer("max_size", 1));
		putIfOff(enabled, "bridge.cache.l1.enabled", l1.bool("enabled"));
		l1.requireNoOtherKeys();
		SeedSection l2 = levels.section("l2");
		l2.oneOf("type", Set.of("redis"));
		String url = l2.string("url");
		if (url != null) {
			redisUrl(l2, url);
		}
		putIfOff(enabled, "bridge.cache.l2.enabled", l2.bool("enabled"));
		l2.requireNoOtherKeys();
		levels.requireNoOtherKeys();
		section.requireNoOtherKeys();
	}

	/** A level's own switch counts unless the whole cache is off. */
	private void putIfOff(Boolean cacheEnabled, String property, Boolean levelEnabled) {
		if (!Boolean.FALSE.equals(cacheEnabled) && levelEnabled != null) {
			gateway.put(property, levelEnabled);
		}
	}

	/** The cache's Redis: the gateways read it, the workers invalidate in it. */
	private void redisUrl(SeedSection l2, String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException malformed) {
			throw l2.fail("url", "must be a redis://host:port URL", url);
		}
		if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
			throw l2.fail("url", "must be a redis://host:port URL", url);
		}
		int port = uri.getPort() == -1 ? 6379 : uri.getPort();
		gateway.put("bridge.cache.redis.host", uri.getHost());
		gateway.put("bridge.cache.redis.port", port);
		worker.put("bridge.cache.host", uri.getHost());
		worker.put("bridge.cache.port", port);
	}

	/**
	 * The gateway's tenant bucket (bridge.rate-limiting; the seed names its burst and its
	 * rate).
	 */
	private void rateLimiting(SeedSection section) {
		put(gateway, "bridge.rate-limiting.enabled", section.bool("enabled"));
		put(gateway, "bridge.rate-limiting.refill-per-second", section.number("requests_per_second", 0));
		put(gateway, "bridge.rate-limiting.capacity", section.integer("burst_capacity", 1));
		section.requireNoOtherKeys();
	}

	private void logging(SeedSection section) {
		String level = section.oneOf("level", Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR"));
		if (level != null) {
			both("logging.level.root", level.equals("WARNING") ? "WARN" : level);
		}
		String format = section.oneOf("format", Set.of("json", "text"));
		Boolean structured = section.bool("structured");
		if ("json".equals(format) || (format == null && Boolean.TRUE.equals(structured))) {
			both("logging.structured.format.console", "ecs");
		}
		both("logging.file.name", section.string("file"));
		section.requireNoOtherKeys();
	}

	private void monitoring(SeedSection section) {
		if (Boolean.FALSE.equals(section.bool("prometheus_enabled"))) {
			both("management.endpoints.web.exposure.include", "health");
		}
		Integer port = section.integer("prometheus_port", 0);
		if (port != null) {
			both("management.server.port", port);
		}
		String path = section.string("health_check_path");
		if (path != null && !path.equals("/health")) {
			throw section.fail("health_check_path", "must be /health (the path is fixed)", path);
		}
		section.requireNoOtherKeys();
	}

	private void upstreams(List<SeedSection> upstreams) {
		if (upstreams == null) {
			return;
		}
		for (int i = 0; i < upstreams.size(); i++) {
			SeedSection upstream = upstreams.get(i);
			String prefix = "bridge.upstreams[" + i + "].";
			worker.put(prefix + "name", required(upstream, "name"));
			worker.put(prefix + "command", required(upstream, "command"));
			List<String> args = upstream.strings("args");
			if (args != null) {
				for (int a = 0; a < args.size(); a++) {
					worker.put(prefix + "args[" + a + "]", args.get(a));
				}
			}
			Map<String, String> env = upstream.stringMap("env");
			if (env != null) {
				env.forEach((name, value) -> worker.put(prefix + "env[" + name + "]", value));
			}
			put(worker, prefix + "call-timeout", upstream.seconds("call_timeout_seconds", 0.001));
			put(worker, prefix + "start-timeout", upstream.seconds("start_timeout_seconds", 0.001));
			upstream.requireNoOtherKeys();
		}
	}

	private static String required(SeedSection section, String key) {
		String value = section.string(key);
		if (value == null) {
			throw section.fail(key, "is required", null);
		}
		return value;
	}
}
