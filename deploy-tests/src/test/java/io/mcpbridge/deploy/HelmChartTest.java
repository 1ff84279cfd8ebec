package io.mcpbridge.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static io.mcpbridge.deploy.Rendered.at;
import static io.mcpbridge.deploy.Rendered.container;
import static io.mcpbridge.deploy.Rendered.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart under helm lint --strict and helm template (Helm 3 embedded by helm-java).
 */
class HelmChartTest {

	private static final Path CHART = Path.of("..", "helm", "mcp-bridge").toAbsolutePath().normalize();

	private static final List<String> PRIORITIES = List.of("critical", "high", "medium", "low", "bulk");

	private static final String TENANTS_FILE = "/etc/mcp-bridge/secret/tenants.yaml";

	private static Path values(String name) {
		return Path.of("src", "test", "resources", "values", name).toAbsolutePath();
	}

	/** The chart with a tenants file (required by default) and the given value sets. */
	private static Rendered render(String... valueSets) {
		var template = new Helm(CHART).template().withName("bridge").withNamespace("mcp");
		template.withValuesFile(values("tenants.yaml"));
		for (String valueSet : valueSets) {
			template.withValuesFile(values(valueSet));
		}
		return Rendered.parse(template.call());
	}

	/** The chart with a tenants file, for tests that set values one by one. */
	private static com.marcnuri.helm.TemplateCommand template() {
		return new Helm(CHART).template().withValuesFile(values("tenants.yaml"));
	}

	@Test
	void lintStrictPassesWithTheDefaultValues() {
		// Helm's lint mode relaxes `fail` and `required`: the tenants check is the
		// render's (below).
		LintResult lint = new Helm(CHART).lint().strict().call();

		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

	@Test
	void withoutATenantsFileTheChartRefusesToRenderUnlessOpenModeIsExplicit() {
		assertThatThrownBy(() -> new Helm(CHART).template().call()).hasMessageContaining("no tenants file is given")
			.hasMessageContaining("auth.mode: open");

		Rendered open = Rendered.parse(new Helm(CHART).template().set("auth.mode", "open").call());

		for (String component : List.of("-gateway", "-worker")) {
			assertThat(env(container(open.get("Deployment", component))))
				.doesNotContainKey("BRIDGE_SECURITY_TENANTS_FILE");
		}
	}

	@Test
	void aTenantsFileTurnsAuthenticationOnInGatewaysAndWorkers() {
		Rendered chart = render();

		for (String component : List.of("-gateway", "-worker")) {
			Map<String, Object> container = container(chart.get("Deployment", component));
			assertThat(env(container)).containsEntry("BRIDGE_SECURITY_TENANTS_FILE", TENANTS_FILE);
			assertThat((List<Map<String, Object>>) at(container, "volumeMounts"))
				.anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/etc/mcp-bridge/secret"));
		}
		assertThat((String) at(chart.get("Secret", "-secret"), "stringData", "tenants.yaml")).contains("id: acme")
			.contains("upstream-env");
		// The credentials stay in the Secret: never in a Deployment or a ConfigMap.
		assertThat(chart.ofKind("Deployment").toString() + chart.ofKind("ConfigMap")).doesNotContain("acme-home-token");
	}

	@Test
	void anExistingSecretCountsAsTheTenantsFile() {
		Rendered chart = Rendered
			.parse(new Helm(CHART).template().withValuesFile(values("existing-secret.yaml")).call());

		assertThat(env(container(chart.get("Deployment", "-worker")))).containsEntry("BRIDGE_SECURITY_TENANTS_FILE",
				TENANTS_FILE);
	}

	@Test
	void theDefaultsRenderBothDeploymentsWithHpasBudgetsPoliciesAndNoKeda() {
		Rendered chart = render();

		assertThat(chart.kinds()).containsExactly("ConfigMap", "Deployment", "Deployment", "HorizontalPodAutoscaler",
				"HorizontalPodAutoscaler", "NetworkPolicy", "NetworkPolicy", "PodDisruptionBudget",
				"PodDisruptionBudget", "Secret", "Service", "Service", "ServiceAccount");
		Map<String, Object> workerHpa = chart.get("HorizontalPodAutoscaler", "-worker");
		assertThat((Integer) at(workerHpa, "spec", "maxReplicas")).isEqualTo(12).isLessThanOrEqualTo(24 / 1);
		assertThat((Integer) at(chart.get("HorizontalPodAutoscaler", "-gateway"), "spec", "minReplicas")).isEqualTo(2);
		assertThat(env(container(chart.get("Deployment", "-worker")))).containsEntry("BRIDGE_KAFKA_PARTITIONS", "24")
			.containsEntry("BRIDGE_KAFKA_CONCURRENCY", "1");
	}

	@Test
	void probesHitTheManagementPortLivenessApartFromReadiness() {
		Rendered chart = render();

		for (String component : List.of("-gateway", "-worker")) {
			Map<String, Object> container = container(chart.get("Deployment", component));
			assertThat((String) at(container, "livenessProbe", "httpGet", "path"))
				.isEqualTo("/actuator/health/liveness");
			assertThat((String) at(container, "startupProbe", "httpGet", "path"))
				.isEqualTo("/actuator/health/liveness");
			assertThat((String) at(container, "readinessProbe", "httpGet", "path"))
				.isEqualTo("/actuator/health/readiness");
			assertThat((String) at(container, "readinessProbe", "httpGet", "port")).isEqualTo("management");
			List<Map<String, Object>> ports = at(container, "ports");
			assertThat(ports).anySatisfy(
					port -> assertThat(port).containsEntry("name", "management").containsEntry("containerPort", 9090));
		}
		assertThat((List<Map<String, Object>>) at(container(chart.get("Deployment", "-gateway")), "ports"))
			.anySatisfy(port -> assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 3003));
	}

	@Test
	void podsRunAsNonRootOnAReadOnlyRootFileSystemWithAWritableTmp() {
		Rendered chart = render();

		for (String component : List.of("-gateway", "-worker")) {
			Map<String, Object> deployment = chart.get("Deployment", component);
			assertThat((Boolean) at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"))
				.isTrue();
			assertThat((Integer) at(deployment, "spec", "template", "spec", "securityContext", "runAsUser"))
				.isEqualTo(10001);
			Map<String, Object> container = container(deployment);
			assertThat((Boolean) at(container, "securityContext", "readOnlyRootFilesystem")).isTrue();
			assertThat((Boolean) at(container, "securityContext", "allowPrivilegeEscalation")).isFalse();
			assertThat((List<String>) at(container, "securityContext", "capabilities", "drop")).containsExactly("ALL");
			assertThat((List<Map<String, Object>>) at(container, "volumeMounts"))
				.anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/tmp"));
			assertThat((Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds"))
				.isGreaterThan(30);
		}
	}

	@Test
	void kedaScalesWorkersOnLagWithOneTriggerPerPriorityTopicAndNoWorkerHpa() {
		Rendered chart = render("keda.yaml");

		Map<String, Object> scaled = chart.get("ScaledObject", "-worker");
		assertThat((Integer) at(scaled, "spec", "maxReplicaCount")).isEqualTo(12);
		assertThat((Integer) at(scaled, "spec", "minReplicaCount")).isEqualTo(1);
		List<Map<String, Object>> triggers = at(scaled, "spec", "triggers");
		assertThat(triggers).extracting(trigger -> at(trigger, "metadata", "topic"))
			.containsExactlyElementsOf(PRIORITIES.stream().map(priority -> "mcp.requests." + priority).toList());
		assertThat(triggers).allSatisfy(trigger -> {
			assertThat(trigger).containsEntry("type", "kafka");
			assertThat((String) at(trigger, "metadata", "consumerGroup")).isEqualTo("mcp-bridge-workers");
		});
		assertThat(chart.ofKind("HorizontalPodAutoscaler")).hasSize(1);
		assertThat((String) at(chart.ofKind("HorizontalPodAutoscaler").get(0), "metadata", "name"))
			.endsWith("-gateway");
		assertThat((Object) at(chart.get("Deployment", "-worker"), "spec", "replicas")).as("KEDA owns replicas")
			.isNull();
	}

	@Test
	void anExistingSecretReplacesTheChartsOwnAndTheConfigFileIsMountedAndPassed() {
		Rendered chart = render("existing-secret.yaml");

		assertThat(chart.ofKind("Secret")).isEmpty();
		Map<String, Object> gateway = container(chart.get("Deployment", "-gateway"));
		assertThat((Object) at(env(gateway), "SPRING_DATA_REDIS_PASSWORD", "secretKeyRef", "name"))
			.isEqualTo("bridge-credentials");
		assertThat(env(gateway)).containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "true")
			.containsEntry("SPRING_DATA_REDIS_PORT", "6380");
		assertThat((List<String>) gateway.get("args")).contains("--config=/etc/mcp-bridge/config/bridge.yaml");
		assertThat((List<String>) container(chart.get("Deployment", "-worker")).get("args"))
			.contains("--config=/etc/mcp-bridge/config/bridge.yaml");
		assertThat((String) at(chart.get("ConfigMap", "-config"), "data", "bridge.yaml")).contains("max_size: 500")
			.contains("min_connections: 1");
		assertThat((Object) at(chart.get("Deployment", "-gateway"), "spec", "template", "spec", "volumes", 1, "secret",
				"secretName"))
			.isEqualTo("bridge-credentials");
	}

	@Test
	void externalKafkaWithSaslAndTlsReachesTheAppsAndKeda() {
		Rendered chart = render("kafka-sasl.yaml");

		Map<String, Object> env = env(container(chart.get("Deployment", "-worker")));
		assertThat(env)
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "b-1.kafka.example.com:9096,b-2.kafka.example.com:9096")
			.containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
			.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
			.containsEntry("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM")
			.containsEntry("BRIDGE_KAFKA_PARTITIONS", "48");
		assertThat((String) env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
			.startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
			.contains("password=\"$(KAFKA_SASL_PASSWORD)\"")
			.doesNotContain("s3cret");
		assertThat((Object) at(env, "KAFKA_SASL_PASSWORD", "secretKeyRef", "key")).isEqualTo("kafka-sasl-password");
		assertThat((String) at(chart.get("Secret", "-secret"), "stringData", "kafka-sasl-password"))
			.isEqualTo("s3cret");
		Map<String, Object> scaled = chart.get("ScaledObject", "-worker");
		assertThat((Integer) at(scaled, "spec", "maxReplicaCount")).isEqualTo(24);
		List<Map<String, Object>> triggers = at(scaled, "spec", "triggers");
		assertThat(triggers).hasSize(5).allSatisfy(trigger -> {
			assertThat((String) at(trigger, "metadata", "sasl")).isEqualTo("scram_sha512");
			assertThat((String) at(trigger, "metadata", "tls")).isEqualTo("enable");
			assertThat((String) at(trigger, "authenticationRef", "name")).endsWith("-kafka");
		});
		assertThat(chart.get("TriggerAuthentication", "-kafka")).isNotNull();
	}

	@Test
	void aFleetLargerThanThePartitionsCanFeedIsRefusedWithTheArithmetic() {
		assertThatThrownBy(() -> render("too-many-workers.yaml"))
			.hasMessageContaining("keda.maxReplicaCount is 12 but kafka.partitions / worker.pollThreads = 24 / 4 = 6");
		assertThatThrownBy(() -> Rendered.parse(template().set("worker.autoscaling.maxReplicas", 25).call()))
			.hasMessageContaining("worker.autoscaling.maxReplicas is 25");
	}

	@Test
	void theSchemaRefusesAnUnknownOrIllTypedValue() {
		assertThatThrownBy(() -> template().set("gateway.replicaz", 3).call()).hasMessageContaining("replicaz");
		assertThatThrownBy(() -> template().set("kafka.sasl.mechanism", "GSSAPI").call())
			.hasMessageContaining("mechanism");
		assertThatThrownBy(() -> template().set("auth.mode", "none").call()).hasMessageContaining("mode");
	}

	@Test
	void monitoringObjectsAreOptionalAndCarryTheSharedAlertRules() {
		Rendered chart = Rendered
			.parse(template().set("serviceMonitor.enabled", true).set("prometheusRule.enabled", true).call());

		assertThat((String) at(chart.get("ServiceMonitor", "bridge"), "spec", "endpoints", 0, "path"))
			.isEqualTo("/metrics");
		List<Map<String, Object>> rules = at(chart.ofKind("PrometheusRule").get(0), "spec", "groups", 0, "rules");
		assertThat(rules).extracting(rule -> rule.get("alert"))
			.contains("McpBridgeNoLiveUpstreamProcess", "McpBridgeServerErrors");
	}

}
