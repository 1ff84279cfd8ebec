package io.mcpbridge.gateway.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolVersionsTest {

	@Test
	void aKnownSessionEraVersionIsKept() {
		assertThat(ProtocolVersions.negotiate("2025-03-26")).isEqualTo("2025-03-26");
		assertThat(ProtocolVersions.negotiate("2025-06-18")).isEqualTo("2025-06-18");
	}

	@Test
	void anythingElseGetsTheNewest() {
		assertThat(ProtocolVersions.negotiate("1999-01-01")).isEqualTo("2025-11-25");
		assertThat(ProtocolVersions.negotiate(null)).isEqualTo("2025-11-25");
	}

}
