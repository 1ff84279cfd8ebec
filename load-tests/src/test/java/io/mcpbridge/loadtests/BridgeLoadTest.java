package io.mcpbridge.loadtests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeLoadTest {

	@Test
	void severalGatewayUrlsAreSplitOnCommasTrimmedAndWithoutTrailingSlash() {
		assertThat(BridgeLoad.baseUrls(" http://127.0.0.1:41001/, http://127.0.0.1:41002 ,"))
			.containsExactly("http://127.0.0.1:41001", "http://127.0.0.1:41002");
	}

	@Test
	void oneUrlIsOneGateway() {
		assertThat(BridgeLoad.baseUrls("http://localhost:3003")).containsExactly("http://localhost:3003");
	}

	@Test
	void aListWithoutAnyUrlIsRefused() {
		assertThatThrownBy(() -> BridgeLoad.baseUrls(" , ")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("bridge.baseUrl");
	}

}
