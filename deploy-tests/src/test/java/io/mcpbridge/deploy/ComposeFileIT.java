package io.mcpbridge.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static io.mcpbridge.deploy.Rendered.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** docker-compose.yml and the Prometheus configuration it mounts. */
class ComposeFileIT {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static Map<String, Object> compose() throws Exception {
		return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
	}

	@Test
	void composeValidatesWithDockerComposeConfig() {
		Optional<List<String>> compose = ExternalTool
			.find(List.of(List.of("docker", "compose"), List.of("docker-compose")), "version");
		assumeTrue(compose.isPresent(), "neither `docker compose` nor `docker-compose` is installed "
				+ "(apt-get install docker-compose); the structural checks below still run");

		ExternalTool.Result result = ExternalTool.run(ROOT, ExternalTool.concat(compose.get(), "config", "-q"));

		assertThat(result.exit()).as(result.output()).isZero();
	}

	@Test
	void prometheusConfigurationAndAlertRulesPassPromtool() {
		Optional<List<String>> promtool = ExternalTool.find(List.of(List.of("promtool")), "--version");
		assumeTrue(promtool.isPresent(), "promtool is not installed (apt-get install prometheus)");
		// promtool resolves rule_files next to the configuration: give it the layout the
		// container has.
		ExternalTool.Result config = ExternalTool.run(ROOT,
				ExternalTool.concat(promtool.get(), "check", "rules", "helm/mcp-bridge/files/alerts.yml"));
		assertThat(config.exit()).as(config.output()).isZero();

		ExternalTool.Result scrape = ExternalTool.run(ROOT, ExternalTool.concat(promtool.get(), "check", "config",
				"--syntax-only", "deploy/prometheus/prometheus.yml"));

		assertThat(scrape.exit()).as(scrape.output()).isZero();
	}

	@Test
	void theStackHasKafkaRedisTwoGatewaysBehindALoadBalancerTwoWorkersAndMonitoring() throws Exception {
		Map<String, Object> services = at(compose(), "services");

		assertThat(services).containsKeys("kafka", "redis", "gateway-1", "gateway-2", "lb", "worker-1", "worker-2",
				"prometheus", "grafana");
		assertThat((String) at(services, "kafka", "image")).startsWith("apache/kafka:");
		assertThat((String) at(services, "kafka", "environment", "KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
		assertThat((List<String>) at(services, "redis", "command")).contains("noeviction");
		for (String bridge : List.of("gateway-1", "gateway-2", "worker-1", "worker-2")) {
			assertThat((List<String>) at(services, bridge, "command"))
				.containsExactly("--config=/etc/mcp-bridge/config/bridge.yaml");
			assertThat((Map<String, Object>) at(services, bridge, "environment"))
				.containsKeys("BRIDGE_KAFKA_PARTITIONS", "SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATA_REDIS_HOST");
			assertThat((Object) at(services, bridge, "depends_on", "kafka", "condition")).isEqualTo("service_healthy");
		}
	}

	@Test
	void everyGatewayAndWorkerStartsAuthenticatedWithTheMountedTenantsFile() throws Exception {
		Map<String, Object> services = at(compose(), "services");

		for (String bridge : List.of("gateway-1", "gateway-2", "worker-1", "worker-2")) {
			assertThat((Map<String, Object>) at(services, bridge, "environment"))
				.containsEntry("BRIDGE_SECURITY_TENANTS_FILE", "/etc/mcp-bridge/secret/tenants.yaml");
			assertThat((List<String>) at(services, bridge, "volumes"))
				.contains("./config/tenants.example.yaml:/etc/mcp-bridge/secret/tenants.yaml:ro");
		}
		// The published example keys are the default: the file says so, and the README
		// says to replace them.
		assertThat(Files.readString(ROOT.resolve("config/tenants.example.yaml"))).contains("published");
	}

	@Test
	void everyMountedFileExistsInTheRepository() throws Exception {
		Map<String, Map<String, Object>> services = at(compose(), "services");

		services.forEach((name, service) -> {
			for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
				String source = volume.toString().split(":")[0];
				if (source.startsWith("./")) {
					assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
				}
			}
		});
	}

	@Test
	void prometheusScrapesTheManagementPortOfEveryBridgeReplica() throws Exception {
		Map<String, Object> prometheus = new Yaml()
			.load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
		List<Map<String, Object>> jobs = at(prometheus, "scrape_configs");

		List<Object> targets = jobs.stream()
			.flatMap(job -> ((List<Map<String, List<Object>>>) job.get("static_configs")).stream())
			.flatMap(config -> config.get("targets").stream())
			.toList();

		assertThat(targets).containsExactlyInAnyOrder("gateway-1:9090", "gateway-2:9090", "worker-1:9090",
				"worker-2:9090");
		assertThat(jobs).allSatisfy(job -> assertThat(job).containsEntry("metrics_path", "/metrics"));
	}

}
