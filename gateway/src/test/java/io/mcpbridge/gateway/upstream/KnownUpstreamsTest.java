package io.mcpbridge.gateway.upstream;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class KnownUpstreamsTest {

	private final LiveUpstreams workers = mock(LiveUpstreams.class);

	private final KnownUpstreams upstreams = new KnownUpstreams(workers);

	@Test
	void aNameNoLiveWorkerServesIsUnknownAndTheKnownNamesAreListed() {
		when(workers.upstreamNames()).thenReturn(new LinkedHashSet<>(List.of("home", "memory")));

		assertThatThrownBy(() -> upstreams.requireKnown("hoem")).isInstanceOfSatisfying(BridgeException.class,
				failure -> {
					assertThat(failure.code()).isEqualTo(ErrorCode.UNKNOWN_UPSTREAM);
					assertThat(failure.getMessage())
						.isEqualTo("unknown upstream 'hoem'; known upstreams: home, memory");
				});
	}

	@Test
	void aNameAWorkerServesPasses() {
		when(workers.upstreamNames()).thenReturn(Set.of("home"));

		assertThatCode(() -> upstreams.requireKnown("home")).doesNotThrowAnyException();
	}

	@Test
	void withoutAnyWorkerReportTheWorkerDecides() {
		when(workers.upstreamNames()).thenReturn(Set.of());

		assertThatCode(() -> upstreams.requireKnown("anything")).doesNotThrowAnyException();
	}

	@Test
	void whenRedisCannotBeReadTheWorkerDecides() {
		when(workers.upstreamNames()).thenThrow(new RedisConnectionFailureException("down"));

		assertThatCode(() -> upstreams.requireKnown("anything")).doesNotThrowAnyException();
	}

}
