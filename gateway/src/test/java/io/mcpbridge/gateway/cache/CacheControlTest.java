package io.mcpbridge.gateway.cache;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheControlTest {

	@Test
	void withoutTheHeaderAnyFreshEntryIsAccepted() {
		CacheControl none = CacheControl.parse(null);
		assertThat(none.allowsLookup()).isTrue();
		assertThat(none.accepts(3_600_000)).isTrue();
		assertThat(CacheControl.parse("  ")).isEqualTo(CacheControl.NONE);
	}

	@Test
	void noCacheAndNoStoreSkipTheLookup() {
		assertThat(CacheControl.parse("no-cache").allowsLookup()).isFalse();
		assertThat(CacheControl.parse("No-Store").noStore()).isTrue();
		assertThat(CacheControl.parse("no-store").allowsLookup()).isFalse();
	}

	@Test
	void maxAgeBoundsTheAgeOfAnAcceptedEntry() {
		CacheControl control = CacheControl.parse("max-age=5");
		assertThat(control.accepts(5_000)).isTrue();
		assertThat(control.accepts(5_001)).isFalse();
		assertThat(CacheControl.parse("max-age=0").allowsLookup()).isFalse();
		assertThat(CacheControl.parse("MAX-AGE=\"7\"").maxAgeSeconds()).isEqualTo(7);
	}

	@Test
	void directivesCombineAndUnknownOnesAreIgnored() {
		CacheControl control = CacheControl.parse("private, max-age=30 , stale-while-revalidate=5");
		assertThat(control.maxAgeSeconds()).isEqualTo(30);
		assertThat(control.noCache()).isFalse();
	}

	@Test
	void aMaxAgeThatIsNotAWholeNumberIsRefused() {
		for (String bad : new String[] { "max-age=soon", "max-age=-1", "max-age", "max-age=1.5" }) {
			assertThatThrownBy(() -> CacheControl.parse(bad)).as(bad)
				.isInstanceOfSatisfying(BridgeException.class,
						failure -> assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
				.hasMessageContaining("max-age");
		}
	}

}
