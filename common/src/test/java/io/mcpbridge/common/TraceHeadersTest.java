package io.mcpbridge.common;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceHeadersTest {

	private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	@Test
	void aWellFormedTraceparentIsValidAndNamesItsTrace() {
		assertThat(TraceHeaders.isValidTraceparent(VALID)).isTrue();
		assertThat(TraceHeaders.traceId(VALID)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
	}

	@Test
	void malformedOrAllZeroTraceparentsAreInvalid() {
		assertThat(TraceHeaders.isValidTraceparent(null)).isFalse();
		assertThat(TraceHeaders.isValidTraceparent("00-xyz")).isFalse();
		assertThat(TraceHeaders.isValidTraceparent(VALID.toUpperCase())).isFalse();
		assertThat(TraceHeaders.isValidTraceparent("ff" + VALID.substring(2))).isFalse();
		assertThat(TraceHeaders.isValidTraceparent("00-" + "0".repeat(32) + "-b7ad6b7169203331-01")).isFalse();
		assertThat(TraceHeaders.isValidTraceparent("00-0af7651916cd43dd8448eb211c80319c-" + "0".repeat(16) + "-01"))
			.isFalse();
		assertThat(TraceHeaders.traceId("garbage")).isNull();
	}

	@Test
	void checkedKeepsAValidContextAndABoundedPrintableState() {
		assertThat(TraceHeaders.checked(Map.of("traceparent", VALID, "tracestate", "vendor=abc", "baggage", "x=1")))
			.containsOnly(Map.entry("traceparent", VALID), Map.entry("tracestate", "vendor=abc"));
		assertThat(TraceHeaders.checked(Map.of("traceparent", VALID, "tracestate", "x".repeat(513))))
			.containsOnlyKeys("traceparent");
		assertThat(TraceHeaders.checked(Map.of("traceparent", VALID, "tracestate", "a=\n")))
			.containsOnlyKeys("traceparent");
	}

	@Test
	void checkedDropsEverythingWithoutAValidTraceparent() {
		assertThat(TraceHeaders.checked(null)).isEmpty();
		assertThat(TraceHeaders.checked(Map.of("traceparent", "nope", "tracestate", "a=b"))).isEmpty();
	}

	@Test
	void anEnvelopeCarriesTheTraceItIsGiven() {
		RequestEnvelope request = new RequestEnvelope("r-1", "default", "s-1", "home", Methods.TOOLS_LIST, null, null,
				Priority.HIGH, 1, "gw-1", null, Map.of(), 0);
		assertThat(request.withTrace(Map.of("traceparent", VALID)).trace()).containsEntry("traceparent", VALID);
	}

}
