package io.mcpbridge.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code --config=config/bridge.yaml} (or {@code bridge.config-file}, env
 * {@code BRIDGE_CONFIG_FILE}): the seed's config file, validated and mapped onto the
 * app's properties. Precedence: command-line arguments, system properties and environment
 * variables win over the file, the file wins over the app's own yaml. The gateway takes
 * the keys it has, the worker its own (told apart by {@code spring.config.name});
 * {@code session_pool} applies to every upstream of the worker.
 */
public class SeedConfigFile implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE_NAME = "mcpBridgeConfigFile";

	static final String POOL_SOURCE_NAME = "mcpBridgeConfigFileSessionPool";

	private static final String UPSTREAMS = "bridge.upstreams[";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String file = environment.getProperty("bridge.config-file", environment.getProperty("config"));
		if (file == null || file.isBlank()) {
			return;
		}
		SeedConfig config = SeedConfig.map(file, read(Path.of(file)));
		boolean gateway = "gateway".equals(environment.getProperty("spring.config.name"));
		Map<String, Object> properties = new LinkedHashMap<>(gateway ? config.gateway() : config.worker());
		MutablePropertySources sources = environment.getPropertySources();
		MapPropertySource fileSource = new MapPropertySource(SOURCE_NAME, properties);
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, fileSource);
		}
		else {
			sources.addFirst(fileSource);
		}
		if (!gateway && !config.pool().isEmpty()) {
			applyPoolToEveryUpstream(sources, config.pool());
		}
	}

	static Map<?, ?> read(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new SeedConfigException(path + ": no such file (given by --config)");
		}
		try (Reader reader = Files.newBufferedReader(path)) {
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			if (document != null && !(document instanceof Map)) {
				throw new SeedConfigException(path + ": must be a YAML mapping of sections");
			}
			return (Map<?, ?>) document;
		}
		catch (YAMLException | IOException unreadable) {
			throw new SeedConfigException(
					path + ": not readable YAML (" + unreadable.getMessage().lines().findFirst().orElse("") + ")");
		}
	}

	/**
	 * A list property is bound whole from the one source that holds it, so the pool
	 * settings cannot be added under the list's indices in a lower source: the winning
	 * list is copied, with the pool settings put in, into a source above it.
	 */
	private static void applyPoolToEveryUpstream(MutablePropertySources sources, Map<String, Object> pool) {
		for (PropertySource<?> source : sources) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			Map<String, Object> upstreams = new LinkedHashMap<>();
			for (String name : enumerable.getPropertyNames()) {
				if (name.startsWith(UPSTREAMS)) {
					upstreams.put(name, enumerable.getProperty(name));
				}
			}
			if (upstreams.isEmpty()) {
				continue;
			}
			upstreams.keySet()
				.stream()
				.filter(name -> name.endsWith("].name"))
				.map(name -> name.substring(0, name.length() - "name".length()))
				.toList()
				.forEach(prefix -> pool.forEach((key, value) -> upstreams.put(prefix + "pool." + key, value)));
			sources.addFirst(new MapPropertySource(POOL_SOURCE_NAME, upstreams));
			return;
		}
	}

	@Override
	public int getOrder() {
		// After ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10): the apps'
		// yaml is loaded.
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}
