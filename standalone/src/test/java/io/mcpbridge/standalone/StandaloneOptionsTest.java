package io.mcpbridge.standalone;

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
}
