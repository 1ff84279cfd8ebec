package io.mcpbridge.runtime;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementPortDefaultTest {

	private static MockEnvironment apply(MockEnvironment environment) {
		new ManagementPortDefault().postProcessEnvironment(environment, null);
		return environment;
	}

	@Test
	void aFixedTrafficPortGetsTheSeedsManagementPort() {
		assertThat(
				apply(new MockEnvironment().withProperty("server.port", "3003")).getProperty("management.server.port"))
			.isEqualTo("9090");
	}

	@Test
	void anyFreeTrafficPortGetsAnyFreeManagementPort() {
		assertThat(apply(new MockEnvironment().withProperty("server.port", "0")).getProperty("management.server.port"))
			.isEqualTo("0");
	}

	@Test
	void anExplicitManagementPortIsLeftAlone() {
		assertThat(apply(
				new MockEnvironment().withProperty("server.port", "0").withProperty("management.server.port", "9191"))
			.getProperty("management.server.port")).isEqualTo("9191");
	}

	@Test
	void anAppWithoutATrafficPortGetsNoManagementPort() {
		assertThat(apply(new MockEnvironment()).containsProperty("management.server.port")).isFalse();
	}

}
