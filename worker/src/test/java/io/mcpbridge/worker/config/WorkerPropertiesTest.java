package io.mcpbridge.worker.config;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class)
		.withPropertyValues("bridge.upstreams[0].name=home", "bridge.upstreams[0].command=java");

	@EnableConfigurationProperties(WorkerProperties.class)
	static class Config {

	}

	@Test
	void unsetPropertiesTakeTheirDocumentedDefaults() {
		runner.run(context -> {
			WorkerProperties properties = context.getBean(WorkerProperties.class);
			assertThat(properties.worker().id()).matches("worker-[0-9a-f]{8}");
			WorkerProperties.Upstream home = properties.upstreams().get(0);
			assertThat(home.args()).isEmpty();
			assertThat(home.env()).isEmpty();
			assertThat(home.pool()).isEqualTo(new WorkerProperties.Pool(2, 10, 5, 1.5, Duration.ofSeconds(300),
					Duration.ofSeconds(60), Duration.ofSeconds(5), true));
			assertThat(home.idempotentTools()).isEmpty();
			assertThat(home.callTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(home.startTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.kafka().partitions()).isEqualTo(24);
			assertThat(properties.kafka().replicationFactor()).isEqualTo((short) 1);
			assertThat(properties.kafka().concurrency()).isEqualTo(1);
			assertThat(properties.results().ttl()).isEqualTo(Duration.ofMinutes(10));
			assertThat(properties.toolsCache().ttl()).isEqualTo(Duration.ofHours(1));
		});
	}

	@Test
	void everyPropertyBindsFromKebabCaseAndEnvKeysKeepTheirCase() {
		runner
			.withPropertyValues("bridge.worker.id=worker-pod-7", "bridge.upstreams[0].args[0]=-jar",
					"bridge.upstreams[0].args[1]=ha.jar", "bridge.upstreams[0].env.HA_TOKEN=t0k3n",
					"bridge.upstreams[0].pool.min=1", "bridge.upstreams[0].pool.target=3",
					"bridge.upstreams[0].pool.max=4", "bridge.upstreams[0].pool.scale-factor=2",
					"bridge.upstreams[0].pool.idle-timeout=1m", "bridge.upstreams[0].pool.health-check-interval=10s",
					"bridge.upstreams[0].pool.health-check-timeout=2s", "bridge.upstreams[0].pool.auto-scale=false",
					"bridge.upstreams[0].pool.max-concurrent-per-process=2",
					"bridge.upstreams[0].idempotent-tools=get_history,toggle", "bridge.upstreams[0].call-timeout=15s",
					"bridge.upstreams[0].start-timeout=90s", "bridge.kafka.partitions=24",
					"bridge.kafka.replication-factor=3", "bridge.kafka.concurrency=8", "bridge.results.ttl=5m",
					"bridge.tools-cache.ttl=30s")
			.run(context -> {
				WorkerProperties properties = context.getBean(WorkerProperties.class);
				WorkerProperties.Upstream home = properties.upstreams().get(0);
				assertThat(properties.worker().id()).isEqualTo("worker-pod-7");
				assertThat(home.args()).containsExactly("-jar", "ha.jar");
				assertThat(home.env()).containsExactly(Map.entry("HA_TOKEN", "t0k3n"));
				assertThat(home.pool()).isEqualTo(new WorkerProperties.Pool(1, 4, 3, 2.0, Duration.ofMinutes(1),
						Duration.ofSeconds(10), Duration.ofSeconds(2), false)
					.withMaxConcurrentPerProcess(2));
				assertThat(home.pool().concurrency()).as("3 processes x 2 calls").isEqualTo(6);
				assertThat(home.idempotentTools()).containsExactly("get_history", "toggle");
				assertThat(home.callTimeout()).isEqualTo(Duration.ofSeconds(15));
				assertThat(home.startTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.kafka()).isEqualTo(new WorkerProperties.Kafka(24, (short) 3, 8));
				assertThat(properties.results().ttl()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.toolsCache().ttl()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void theNamespaceIsEmptyUnlessSetAndStopsTheStartWhenItCouldNotNameATopic() {
		runner.run(context -> assertThat(context.getBean(WorkerProperties.class).namespace()).isEmpty());
		runner.withPropertyValues("bridge.namespace=blue-2")
			.run(context -> assertThat(context.getBean(WorkerProperties.class).namespace()).isEqualTo("blue-2"));
		runner.withPropertyValues("bridge.namespace=blue.2")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("bridge.namespace must be"));
	}

	@Test
	void atLeastOneUpstreamIsRequired() {
		new ApplicationContextRunner().withUserConfiguration(Config.class)
			.run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("upstreams"));
	}

	@Test
	void anUpstreamNameThatCouldForgeAKeyIsRejected() {
		runner.withPropertyValues("bridge.upstreams[0].name=home/{other}")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("upstream name must be"));
	}

	@Test
	void twoUpstreamsWithOneNameAreRejected() {
		runner.withPropertyValues("bridge.upstreams[1].name=home", "bridge.upstreams[1].command=node")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("upstream names must be unique"));
	}

	@Test
	void aPoolWithoutProcessesIsRejected() {
		runner.withPropertyValues("bridge.upstreams[0].pool.min=0")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("pool.min must be at least 1, got 0"));
	}

	@Test
	void poolSizesOutOfOrderAreRejectedWithTheirValues() {
		runner.withPropertyValues("bridge.upstreams[0].pool.target=12")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("min <= target <= max, got min=2, target=12, max=10"));
	}

	@ParameterizedTest
	@CsvSource({ "0", "257" })
	void aMaxConcurrentPerProcessOutOfRangeIsRejectedWithItsValue(String value) {
		runner.withPropertyValues("bridge.upstreams[0].pool.max-concurrent-per-process=" + value)
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("pool.max-concurrent-per-process must be between 1 and 256, got " + value));
	}

	@Test
	void unsetMaxConcurrentPerProcessIsTheDocumentedDefault() {
		runner.run(context -> assertThat(
				context.getBean(WorkerProperties.class).upstreams().get(0).pool().maxConcurrentPerProcess())
			.isEqualTo(WorkerProperties.Pool.DEFAULT_MAX_CONCURRENT_PER_PROCESS));
	}

	@Test
	void anUnsetTargetMovesIntoTheConfiguredRange() {
		runner.withPropertyValues("bridge.upstreams[0].pool.min=1", "bridge.upstreams[0].pool.max=3")
			.run(context -> assertThat(context.getBean(WorkerProperties.class).upstreams().get(0).pool().target())
				.isEqualTo(3));
	}

	@Test
	void aNonPositiveIdleTimeoutIsRejected() {
		runner.withPropertyValues("bridge.upstreams[0].pool.idle-timeout=0s")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("pool.idle-timeout must be a positive duration"));
	}

	@Test
	void aScaleFactorThatCannotGrowThePoolIsRejected() {
		runner.withPropertyValues("bridge.upstreams[0].pool.scale-factor=1")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("pool.scale-factor must be greater than 1"));
	}

	@Test
	void theReplacedPoolSizeKeyIsRejectedRatherThanIgnored() {
		runner.withPropertyValues("bridge.upstreams[0].pool-size=4")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("pool-size was replaced by pool.min, pool.target and pool.max"));
	}

	@ParameterizedTest
	@CsvSource({ "call-timeout, 0s", "start-timeout, 0s", "start-timeout, -1s" })
	void aNonPositiveTimeoutIsRejected(String key, String value) {
		runner.withPropertyValues("bridge.upstreams[0]." + key + "=" + value)
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(key + " must be positive"));
	}

	@Test
	void theShippedWorkerYamlBindsToTheHomeSimulator() throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("worker.yaml",
				new ClassPathResource("worker.yaml"));
		Binder binder = new Binder(ConfigurationPropertySources.from(yaml),
				new PropertySourcesPlaceholdersResolver(yaml));

		WorkerProperties properties = binder.bind(WorkerProperties.PREFIX, WorkerProperties.class).get();

		assertThat(properties.upstreams()).extracting(WorkerProperties.Upstream::name).containsExactly("home");
		assertThat(properties.upstreams().get(0).args()).contains("/app/home-sim.jar",
				"io.mcpbridge.homesim.HomeSimServer");
		assertThat(properties.worker().id()).startsWith("worker-");
		assertThat(properties.kafka().partitions()).isEqualTo(24);
		assertThat(properties.upstreams().get(0).pool()).isEqualTo(new WorkerProperties.Pool(2, 10, 5, 1.5,
				Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(5), true));
	}

}
