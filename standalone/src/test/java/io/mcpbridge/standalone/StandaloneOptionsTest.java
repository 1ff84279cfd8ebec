package io.mcpbridge.standalone;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandaloneOptionsTest {

	@Test
	void defaultsWithoutArguments() {
		StandaloneOptions options = StandaloneOptions.parse();

		assertThat(options.gatewayPort()).isEqualTo(3003);
		assertThat(options.conformanceFixture()).isFalse();
		assertThat(options.extraUpstreams()).isEmpty();
	}

	@Test
	void extraUpstreamsAreNamedCommandLines() {
		StandaloneOptions options = StandaloneOptions.parse("--port=0", "--conformance-fixture=true",
				"--upstream.everything=node /opt/everything/dist/index.js   stdio");

		assertThat(options.gatewayPort()).isZero();
		assertThat(options.conformanceFixture()).isTrue();
		assertThat(options.extraUpstreams()).containsEntry("everything",
				List.of("node", "/opt/everything/dist/index.js", "stdio"));
	}

	@Test
	void homeFaultOptionsArePassedToHomeSimUnderTheirOwnNames() {
		StandaloneOptions options = StandaloneOptions.parse("--home-fail-rate=0.5", "--home-slow-rate=0.1",
				"--home-slow-ms=800", "--home-faults-file=/tmp/faults");

		assertThat(options.homeFaults()).containsExactly("--fail-rate=0.5", "--slow-rate=0.1", "--slow-ms=800",
				"--faults-file=/tmp/faults");
		assertThat(StandaloneOptions.parse().homeFaults()).isEmpty();
	}

	@Test
	void aBadFaultRateStopsTheStandaloneWithTheOptionItWasGivenAs() {
		assertThatThrownBy(() -> StandaloneOptions.parse("--home-crash-rate=2"))
			.hasMessageContaining("--home-crash-rate must be between 0 and 1");
		assertThatThrownBy(() -> StandaloneOptions.parse("--home-fail-rate=0.7", "--home-hang-rate=0.7"))
			.hasMessageContaining("add up to");
	}

	@Test
	void callsPerHomeSimProcessAreTheWorkersDefaultUnlessGiven() {
		assertThat(StandaloneOptions.parse().maxConcurrentPerProcess()).as("0: the worker's default").isZero();
		assertThat(StandaloneOptions.parse("--max-concurrent-per-process=4").maxConcurrentPerProcess()).isEqualTo(4);
		assertThatThrownBy(() -> StandaloneOptions.parse("--max-concurrent-per-process=-1"))
			.hasMessageContaining("--max-concurrent-per-process");
	}

	@Test
	void badOptionsAreRefusedWithTheirName() {
		assertThatThrownBy(() -> StandaloneOptions.parse("--conformance-fixture=yes"))
			.hasMessageContaining("--conformance-fixture");
		assertThatThrownBy(() -> StandaloneOptions.parse("--upstream.home=node x.js"))
			.hasMessageContaining("--upstream.home");
		assertThatThrownBy(() -> StandaloneOptions.parse("--upstream.bad name=node x.js"))
			.hasMessageContaining("--upstream.bad name");
		assertThatThrownBy(() -> StandaloneOptions.parse("--colour=blue")).hasMessageContaining("colour");
	}

	@Test
	void theManagementPortFollowsTheTrafficPortUnlessGiven() {
		assertThat(StandaloneOptions.parse().managementPort()).isEqualTo(9090);
		assertThat(StandaloneOptions.parse("--port=0").managementPort()).isZero();
		assertThat(StandaloneOptions.parse("--port=3005").managementPort()).as("a second stack's").isZero();
		assertThat(StandaloneOptions.parse("--port=3005", "--management-port=9095").managementPort()).isEqualTo(9095);
	}

	@Test
	void theConfigFileMustExistAndIsKeptAsAnAbsolutePath() {
		assertThat(StandaloneOptions.parse("--config=../config/bridge.yaml").configFile()).isAbsolute()
			.endsWith(Path.of("config", "bridge.yaml"));
		assertThatThrownBy(() -> StandaloneOptions.parse("--config=no/such.yaml"))
			.hasMessageContaining("--config: no such file no/such.yaml");
	}

	@Test
	void theStandaloneListensOnLoopbackUnlessBindSaysOtherwise() {
		assertThat(StandaloneOptions.parse().bindAddress()).isEqualTo("127.0.0.1");
		assertThat(StandaloneOptions.parse("--bind=0.0.0.0").bindAddress()).isEqualTo("0.0.0.0");
		assertThat(StandaloneOptions.parse("--bind=::1").bindAddress()).isEqualTo("::1");
		assertThatThrownBy(() -> StandaloneOptions.parse("--bind=a b")).hasMessageContaining("--bind");
	}

	@Test
	void aNamespaceIsOptionalAndChecked() {
		assertThat(StandaloneOptions.parse().namespace()).as("none: today's names").isEmpty();
		assertThat(StandaloneOptions.parse("--namespace=demo-2").namespace()).isEqualTo("demo-2");
		assertThatThrownBy(() -> StandaloneOptions.parse("--namespace=Demo.2"))
			.hasMessageStartingWith("--namespace must be");
	}

	@Test
	void theTenantsFileTurnsAuthenticationOnAndMustExist() {
		assertThat(StandaloneOptions.parse().tenantsFile()).as("open by default").isNull();
		assertThat(StandaloneOptions.parse("--tenants=../config/tenants.example.yaml").tenantsFile()).isAbsolute()
			.endsWith(Path.of("config", "tenants.example.yaml"));
		assertThatThrownBy(() -> StandaloneOptions.parse("--tenants=no/such.yaml"))
			.hasMessageContaining("--tenants: no such file no/such.yaml");
	}

}
