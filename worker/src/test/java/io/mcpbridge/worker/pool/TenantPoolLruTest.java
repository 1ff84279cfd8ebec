package io.mcpbridge.worker.pool;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantPoolLruTest {

	private static final Map<String, String> ENV_A = Map.of("TOKEN", "a");

	private final AtomicInteger made = new AtomicInteger();

	private final TenantPoolLru<String> lru = new TenantPoolLru<>(4);

	private long now = 1_000;

	@Test
	void theSameTenantAndEnvironmentReuseTheirPool() {
		TenantPoolLru.Claim<String> first = claim("acme", ENV_A);
		TenantPoolLru.Claim<String> second = claim("acme", ENV_A);

		assertThat(first.created()).isTrue();
		assertThat(second.created()).isFalse();
		assertThat(second.slot()).isSameAs(first.slot());
		assertThat(made).hasValue(1);
		assertThat(lru.reserved()).isEqualTo(2);
	}

	@Test
	void changedVariablesReplaceThePool() {
		TenantPoolLru.Claim<String> first = claim("acme", ENV_A);
		lru.release(first.slot(), now);

		TenantPoolLru.Claim<String> rotated = claim("acme", Map.of("TOKEN", "b"));

		assertThat(rotated.created()).isTrue();
		assertThat(rotated.leaving()).containsExactly(first.slot());
		// The old pool's processes count until it has stopped.
		assertThat(lru.reserved()).isEqualTo(4);
		lru.stopped(first.slot());
		assertThat(lru.reserved()).isEqualTo(2);
	}

	@Test
	void aNewPoolEvictsTheLeastRecentlyUsedIdlePool() {
		TenantPoolLru.Claim<String> acme = claim("acme", ENV_A);
		TenantPoolLru.Claim<String> globex = claim("globex", ENV_A);
		lru.release(globex.slot(), ++now);
		lru.release(acme.slot(), ++now);
		claim("globex", ENV_A); // globex is now the most recently used
		lru.release(globex.slot(), ++now);

		TenantPoolLru.Claim<String> initech = claim("initech", ENV_A);

		assertThat(initech.leaving()).containsExactly(acme.slot());
		assertThat(lru.evictions()).isEqualTo(1);
		assertThat(lru.pools()).isEqualTo(1);
	}

	@Test
	void aPoolWithCallsIsNeverEvicted() {
		claim("acme", ENV_A);
		TenantPoolLru.Claim<String> globex = claim("globex", ENV_A);
		lru.release(globex.slot(), ++now);

		TenantPoolLru.Claim<String> initech = claim("initech", ENV_A);

		assertThat(initech.leaving()).extracting(slot -> slot.key().tenant()).containsExactly("globex");
	}

	@Test
	void whenEveryPoolIsBusyTheClaimIsRefusedAndNothingIsStopped() {
		claim("acme", ENV_A);
		claim("globex", ENV_A);

		TenantPoolLru.Claim<String> initech = claim("initech", ENV_A);

		assertThat(initech.slot()).isNull();
		assertThat(initech.leaving()).isEmpty();
		assertThat(lru.pools()).isEqualTo(2);
		assertThat(made).hasValue(2);
	}

	@Test
	void idlePoolsAreNotStoppedWhenStoppingThemWouldStillNotMakeRoom() {
		TenantPoolLru<String> small = new TenantPoolLru<>(3);
		TenantPoolLru.Claim<String> busy = small.claim(new TenantPoolLru.Key("acme", "home"), ENV_A, 2, now,
				() -> "acme");
		TenantPoolLru.Claim<String> idle = small.claim(new TenantPoolLru.Key("globex", "home"), ENV_A, 1, now,
				() -> "globex");
		small.release(idle.slot(), now);

		TenantPoolLru.Claim<String> big = small.claim(new TenantPoolLru.Key("initech", "home"), ENV_A, 2, now,
				() -> "initech");

		assertThat(busy.slot()).isNotNull();
		assertThat(big.slot()).isNull();
		assertThat(big.leaving()).isEmpty();
		assertThat(small.pools()).isEqualTo(2);
	}

	@Test
	void anEvictedPoolsRoomIsFreeOnceItHasStopped() {
		TenantPoolLru.Claim<String> acme = claim("acme", ENV_A);
		TenantPoolLru.Claim<String> globex = claim("globex", ENV_A);
		lru.release(acme.slot(), ++now);

		TenantPoolLru.Claim<String> waiting = claim("initech", ENV_A);
		assertThat(waiting.slot()).as("acme is still stopping").isNull();
		assertThat(waiting.leaving()).containsExactly(acme.slot());

		lru.release(globex.slot(), ++now);
		TenantPoolLru.Claim<String> stillWaiting = claim("initech", ENV_A);
		assertThat(stillWaiting.slot()).isNull();
		assertThat(stillWaiting.leaving()).as("acme's stop is coming: nothing more is evicted").isEmpty();

		lru.stopped(acme.slot());
		TenantPoolLru.Claim<String> again = claim("initech", ENV_A);
		assertThat(again.created()).isTrue();
		assertThat(again.leaving()).isEmpty();
		assertThat(lru.room()).isZero();
	}

	@Test
	void poolsIdlePastTheirUpstreamsIdleTimeLeave() {
		TenantPoolLru.Claim<String> acme = claim("acme", ENV_A);
		TenantPoolLru.Claim<String> globex = claim("globex", ENV_A);
		lru.release(acme.slot(), 100);
		lru.release(globex.slot(), 900);

		assertThat(lru.expire(1_000, upstream -> 500)).containsExactly(acme.slot());
		assertThat(lru.pools()).isEqualTo(1);
		assertThat(lru.busyPools()).isZero();
		assertThat(lru.clear()).containsExactly(globex.slot());
		assertThat(lru.reserved()).isEqualTo(4);
	}

	private TenantPoolLru.Claim<String> claim(String tenant, Map<String, String> env) {
		return lru.claim(new TenantPoolLru.Key(tenant, "home"), env, 2, now,
				() -> tenant + "#" + made.incrementAndGet());
	}

}
