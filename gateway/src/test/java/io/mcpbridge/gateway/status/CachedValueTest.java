package io.mcpbridge.gateway.status;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachedValueTest {

	private final AtomicLong clock = new AtomicLong();

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void aValueIsReadOncePerTtl() {
		CachedValue<Integer> cached = new CachedValue<>(reads::incrementAndGet, Duration.ofNanos(100), clock::get);

		assertThat(cached.get()).isEqualTo(1);
		clock.set(99);
		assertThat(cached.get()).isEqualTo(1);
		clock.set(100);
		assertThat(cached.get()).isEqualTo(2);
	}

	@Test
	void aFailureIsRememberedForTheTtlSoADownDependencyIsAskedOncePerPeriod() {
		CachedValue<Integer> cached = new CachedValue<>(() -> {
			reads.incrementAndGet();
			throw new IllegalStateException("down");
		}, Duration.ofNanos(100), clock::get);

		assertThatThrownBy(cached::get).hasMessage("down");
		clock.set(50);
		assertThatThrownBy(cached::get).hasMessage("down");
		assertThat(reads).hasValue(1);
		clock.set(100);
		assertThatThrownBy(cached::get).hasMessage("down");
		assertThat(reads).hasValue(2);
	}

}
