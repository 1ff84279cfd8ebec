package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The read path against a mocked Redis store: which level answers, what is stored, when
 * it fails open.
 */
class ReadCacheTest {

	private static final CachePolicy TEN_SECONDS = new CachePolicy(Duration.ofSeconds(10), false);

	private static final JsonNode ON = BridgeJson.mapper().readTree("{\"state\":\"on\"}");

	private final RedisCacheStore store = mock(RedisCacheStore.class);

	private final CacheStats stats = new CacheStats(new SimpleMeterRegistry());

	private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);

	private final ReadCache cache = new ReadCache(TestProperties.cache(),
			new L1Cache(100, Duration.ofSeconds(10), Duration.ofSeconds(60), stats), store,
			new CachePolicies(TestProperties.defaults()), stats, executor);

	private final AtomicInteger upstreamCalls = new AtomicInteger();

	@AfterEach
	void stop() {
		executor.shutdownNow();
	}

	private static CacheRequest read(CachePolicy policy, CacheControl control) {
		return new CacheRequest("t", "home", "get_entity_state",
				BridgeJson.mapper().readTree("{\"entity_id\":\"light.a\"}"), policy, control);
	}

	private static CacheKey key() {
		return CacheKey.of(read(TEN_SECONDS, CacheControl.NONE));
	}

	private static Versions versions(String entityVersion) {
		return Versions.of(key().dependencies(), List.of("epoch", "", entityVersion));
	}

	private void redisHas(Versions versions, CachedEntry entry) {
		when(store.lookup(any(), anyBoolean(), any()))
			.thenReturn(Optional.of(new RedisCacheStore.Lookup(versions, entry, false)));
	}

	private CacheAnswer answer(CacheRequest request, CompletableFuture<JsonNode> upstream) {
		return cache.lookupOrCall(request, () -> {
			upstreamCalls.incrementAndGet();
			return upstream;
		}).join();
	}

	private CacheAnswer answer(CacheRequest request) {
		return answer(request, CompletableFuture.completedFuture(ON));
	}

	@Test
	void aMissCallsTheUpstreamStoresUnderItsVersionsAndTheNextReadHitsL1() {
		redisHas(versions(""), null);
		when(store.tryLock(anyString(), anyString(), any())).thenReturn(RedisCacheStore.LockResult.ACQUIRED);
		when(store.store(any(), any(), any(), any(), any())).thenReturn(true);

		CacheAnswer miss = answer(read(TEN_SECONDS, CacheControl.NONE));
		CacheAnswer hit = answer(read(TEN_SECONDS, CacheControl.NONE));

		assertThat(miss.cached()).isFalse();
		assertThat(miss.cacheStatus()).isEqualTo("mcp-bridge; fwd=miss; stored");
		// One script stores the entry and releases the lock: no separate unlock round
		// trip.
		verify(store).store(eq(key()), any(), eq(Duration.ofSeconds(70)), anyString(), anyString());
		verify(store, never()).unlock(anyString(), anyString());
		assertThat(hit.cached()).isTrue();
		assertThat(hit.cacheStatus()).contains("detail=l1");
		assertThat(hit.result()).isEqualTo(ON);
		assertThat(upstreamCalls).hasValue(1);
	}

	@Test
	void anL1EntryIsNotServedOnceAWriteChangedItsEntity() {
		redisHas(versions(""), null);
		when(store.tryLock(anyString(), anyString(), any())).thenReturn(RedisCacheStore.LockResult.ACQUIRED);
		when(store.store(any(), any(), any(), any(), any())).thenReturn(true);
		answer(read(TEN_SECONDS, CacheControl.NONE));

		redisHas(versions("1"), null);
		CacheAnswer after = answer(read(TEN_SECONDS, CacheControl.NONE));

		assertThat(after.cached()).isFalse();
		assertThat(upstreamCalls).hasValue(2);
	}

	@Test
	void anL2EntryWrittenUnderOldVersionsIsNeverServed() {
		long now = System.currentTimeMillis();
		CachedEntry old = new CachedEntry(ON, now, now + 10_000, versions("").values());
		redisHas(versions("1"), old);
		when(store.tryLock(anyString(), anyString(), any())).thenReturn(RedisCacheStore.LockResult.ACQUIRED);

		assertThat(answer(read(TEN_SECONDS, CacheControl.NONE)).cached()).isFalse();
		assertThat(upstreamCalls).hasValue(1);
		assertThat(stats.snapshot().get("evictions")).isEqualTo(Map.of("invalidated", 1L));
	}

	@Test
	void withoutRedisEveryReadGoesToTheUpstreamAndNothingIsStored() {
		when(store.lookup(any(), anyBoolean(), any())).thenReturn(Optional.empty());

		CacheAnswer first = answer(read(TEN_SECONDS, CacheControl.NONE));
		CacheAnswer second = answer(read(TEN_SECONDS, CacheControl.NONE));

		assertThat(first.cached()).isFalse();
		assertThat(second.cached()).isFalse();
		assertThat(upstreamCalls).hasValue(2);
		verify(store, never()).store(any(), any(), any(), any(), any());
	}

	@Test
	void anExpiredValidEntryAnswersAnUpstreamFailureWithinTheGrace() {
		long now = System.currentTimeMillis();
		CachedEntry expired = new CachedEntry(ON, now - 20_000, now - 10_000, versions("").values());
		redisHas(versions(""), expired);
		when(store.tryLock(anyString(), anyString(), any())).thenReturn(RedisCacheStore.LockResult.ACQUIRED);

		CacheAnswer stale = answer(read(TEN_SECONDS, CacheControl.NONE),
				CompletableFuture.failedFuture(new BridgeException(ErrorCode.UPSTREAM_CRASHED, "died")));

		assertThat(stale.stale()).isTrue();
		assertThat(stale.result()).isEqualTo(ON);
		assertThat(stale.cacheStatus()).contains("fwd-status=502");
		assertThat(stats.snapshot().get("stale_served")).isEqualTo(1L);
	}

	@Test
	void aRequestErrorIsNeverAnsweredStale() {
		long now = System.currentTimeMillis();
		redisHas(versions(""), new CachedEntry(ON, now - 20_000, now - 10_000, versions("").values()));
		when(store.tryLock(anyString(), anyString(), any())).thenReturn(RedisCacheStore.LockResult.ACQUIRED);

		CompletableFuture<CacheAnswer> rejected = cache.lookupOrCall(read(TEN_SECONDS, CacheControl.NONE),
				() -> CompletableFuture.failedFuture(new BridgeException(ErrorCode.UPSTREAM_REJECTED, "bad")));

		assertThatThrownBy(rejected::join).hasCauseInstanceOf(BridgeException.class);
	}

	@Test
	void aToolErrorResultIsNotStored() {
		redisHas(versions(""), null);
		when(store.tryLock(anyString(), anyString(), any())).thenReturn(RedisCacheStore.LockResult.ACQUIRED);

		CacheAnswer error = answer(read(TEN_SECONDS, CacheControl.NONE),
				CompletableFuture.completedFuture(BridgeJson.mapper().readTree("{\"isError\":true}")));

		assertThat(error.cacheExpires()).isNull();
		verify(store, never()).store(any(), any(), any(), any(), any());
	}

	@Test
	void anUncacheableToolBypassesTheCache() {
		CacheAnswer answer = answer(read(CachePolicy.WRITE, CacheControl.NONE));
		assertThat(answer.cacheStatus()).isEqualTo("mcp-bridge; fwd=bypass");
		verify(store, never()).lookup(any(), anyBoolean(), any());
	}

	@Test
	void noStoreNeitherReadsNorStoresAnEntry() {
		redisHas(versions(""), null);
		CacheAnswer answer = answer(read(TEN_SECONDS, CacheControl.parse("no-store")));
		assertThat(answer.cacheStatus()).isEqualTo("mcp-bridge; fwd=request");
		verify(store, never()).store(any(), any(), any(), any(), any());
		verify(store, never()).lookup(any(), eq(true), isNull());
	}

	@Test
	void whileAnotherGatewayHoldsTheLockItsEntryIsAwaitedInsteadOfCallingTheUpstream() {
		long now = System.currentTimeMillis();
		CachedEntry theirs = new CachedEntry(ON, now, now + 10_000, versions("").values());
		when(store.lookup(any(), anyBoolean(), isNull()))
			.thenReturn(Optional.of(new RedisCacheStore.Lookup(versions(""), null, false)));
		when(store.lookup(any(), eq(true), anyString()))
			.thenReturn(Optional.of(new RedisCacheStore.Lookup(versions(""), null, true)))
			.thenReturn(Optional.of(new RedisCacheStore.Lookup(versions(""), theirs, false)));
		when(store.tryLock(anyString(), anyString(), any())).thenReturn(RedisCacheStore.LockResult.HELD_BY_OTHER);

		CacheAnswer answer = answer(read(TEN_SECONDS, CacheControl.NONE));

		assertThat(answer.cached()).isTrue();
		assertThat(upstreamCalls).hasValue(0);
		assertThat(stats.snapshot().get("collapsed")).isEqualTo(1L);
	}

}
