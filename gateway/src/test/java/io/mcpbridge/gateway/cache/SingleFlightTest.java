package io.mcpbridge.gateway.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SingleFlightTest {

	private final SingleFlight flights = new SingleFlight();

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void concurrentCallersOfOneKeyShareOneCall() {
		CompletableFuture<String> upstream = new CompletableFuture<>();
		SingleFlight.Flight<String> leader = flights.join("k", () -> {
			calls.incrementAndGet();
			return upstream;
		});
		SingleFlight.Flight<String> follower = flights.join("k", () -> {
			calls.incrementAndGet();
			return CompletableFuture.completedFuture("other");
		});
		upstream.complete("answer");

		assertThat(leader.leader()).isTrue();
		assertThat(follower.leader()).isFalse();
		assertThat(follower.result().join()).isEqualTo("answer");
		assertThat(calls).hasValue(1);
		assertThat(flights.size()).isZero();
	}

	@Test
	void anotherKeyOrALaterCallStartsItsOwnCall() {
		flights.join("a", () -> CompletableFuture.completedFuture(calls.incrementAndGet())).result().join();
		flights.join("a", () -> CompletableFuture.completedFuture(calls.incrementAndGet())).result().join();
		CompletableFuture<Integer> pending = new CompletableFuture<>();
		flights.join("b", () -> pending);
		flights.join("c", () -> CompletableFuture.completedFuture(calls.incrementAndGet()));
		assertThat(calls).hasValue(3);
	}

	@Test
	void aFailureReachesEveryCallerAndFreesTheKey() {
		CompletableFuture<String> upstream = new CompletableFuture<>();
		SingleFlight.Flight<String> leader = flights.join("k", () -> upstream);
		SingleFlight.Flight<String> follower = flights.join("k", () -> upstream);
		upstream.completeExceptionally(new IllegalStateException("down"));

		assertThatThrownBy(() -> leader.result().join()).hasRootCauseMessage("down");
		assertThatThrownBy(() -> follower.result().join()).hasRootCauseMessage("down");
		assertThat(flights.size()).isZero();
	}

	@Test
	void aCallThatThrowsFreesTheKey() {
		SingleFlight.Flight<String> flight = flights.join("k", () -> {
			throw new IllegalArgumentException("refused");
		});
		assertThat(flight.result()).isCompletedExceptionally();
		assertThat(flights.size()).isZero();
	}

}
