package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.stdioserver.CurrentClasspathCommand;
import io.mcpbridge.worker.config.ProcessBudgetProperties;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.stdio.CallListener;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.node.ObjectNode;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tenant pools with real subprocesses ({@link EnvEchoServer}, which tells the value of a
 * variable and its pid): each tenant with an {@code upstream-env} runs on processes of
 * its own that see its variables only, the others share the upstream's pool, and the
 * process budget stops the least recently used idle tenant pool or refuses a call when
 * every tenant pool is busy.
 */
class TenantPoolsIT {

	private static final String UPSTREAM = "envy";

	/**
	 * Set by the Failsafe configuration: a secret of the worker that no child may see.
	 */
	private static final String WORKER_SECRET = "MCP_BRIDGE_TEST_SECRET";

	private static final Map<String, Map<String, Map<String, String>>> ENV = Map.of("acme",
			Map.of(UPSTREAM, Map.of("TENANT_TOKEN", "acme-token")), "globex",
			Map.of(UPSTREAM, Map.of("TENANT_TOKEN", "globex-token")), "initech",
			Map.of(UPSTREAM, Map.of("TENANT_TOKEN", "initech-token")));

	private final List<UpstreamPools> started = new ArrayList<>();

	@AfterEach
	void stopPools() {
		started.forEach(UpstreamPools::stop);
	}

	@Test
	void eachTenantsCallSeesItsOwnVariablesOnProcessesOfItsOwn() {
		UpstreamPools pools = start(2, Duration.ofSeconds(30));

		long started = System.nanoTime();
		Answer acme = getEnv(pools, "acme", "TENANT_TOKEN");
		long firstCall = System.nanoTime() - started;
		started = System.nanoTime();
		getEnv(pools, "acme", "TENANT_TOKEN");
		long nextCall = System.nanoTime() - started;
		Answer globex = getEnv(pools, "globex", "TENANT_TOKEN");
		// What a tenant pool costs: its first call waits for one process start.
		System.out.printf("tenant pool: first call %d ms (its process started), next call %.1f ms%n",
				firstCall / 1_000_000, nextCall / 1e6);

		assertThat(acme.value()).isEqualTo("acme-token");
		assertThat(globex.value()).isEqualTo("globex-token");
		assertThat(acme.pid()).isNotEqualTo(globex.pid());
		assertThat(pools.status().get(UPSTREAM).pids()).doesNotContain(acme.pid(), globex.pid());
		// The upstream's own variables are still there.
		assertThat(getEnv(pools, "acme", "BASE_VAR").value()).isEqualTo("base");
		assertThat(pools.tenantPools().pools()).isEqualTo(2);
	}

	@Test
	void aTenantWithoutVariablesUsesTheSharedPool() {
		UpstreamPools pools = start(2, Duration.ofSeconds(30));

		Answer plain = getEnv(pools, "plain", "TENANT_TOKEN");

		assertThat(plain.value()).isEmpty();
		assertThat(pools.status().get(UPSTREAM).pids()).contains(plain.pid());
		assertThat(pools.tenantPools().pools()).isZero();
	}

	@Test
	void aTenantsProcessesNeverSeeTheWorkersSecrets() {
		assertThat(System.getenv(WORKER_SECRET)).as("failsafe sets %s on the test JVM", WORKER_SECRET).isNotNull();
		UpstreamPools pools = start(2, Duration.ofSeconds(30));

		assertThat(getEnv(pools, "acme", WORKER_SECRET).value()).isEmpty();
	}

	@Test
	void aNewTenantPoolStopsTheLeastRecentlyUsedIdleOneWhenTheBudgetIsFull() {
		UpstreamPools pools = start(2, Duration.ofSeconds(30));
		long acmePid = getEnv(pools, "acme", "TENANT_TOKEN").pid();
		long globexPid = getEnv(pools, "globex", "TENANT_TOKEN").pid();

		Answer initech = getEnv(pools, "initech", "TENANT_TOKEN");

		assertThat(initech.value()).isEqualTo("initech-token");
		assertThat(pools.tenantPools().evictions()).isEqualTo(1);
		assertThat(pools.tenantPools().pools()).isEqualTo(2);
		// acme's pool was the least recently used: its process is stopped, globex's runs
		// on.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !ProcessHandle.of(acmePid).map(ProcessHandle::isAlive).orElse(false));
		assertThat(ProcessHandle.of(globexPid).map(ProcessHandle::isAlive)).contains(true);
		assertThat(getEnv(pools, "globex", "TENANT_TOKEN").pid()).isEqualTo(globexPid);
	}

	@Test
	void aCallFindingEveryTenantPoolBusyIsRefusedAfterTheWaitWithoutRunning() {
		UpstreamPools pools = start(2, Duration.ofMillis(300));
		getEnv(pools, "acme", "TENANT_TOKEN");
		getEnv(pools, "globex", "TENANT_TOKEN");
		CompletableFuture<Answer> slowAcme = CompletableFuture
			.supplyAsync(() -> call(pools, "acme", "TENANT_TOKEN", 5000));
		CompletableFuture<Answer> slowGlobex = CompletableFuture
			.supplyAsync(() -> call(pools, "globex", "TENANT_TOKEN", 5000));
		await().atMost(Duration.ofSeconds(30)).until(() -> pools.tenantPools().pools() == 2 && busy(pools) == 2);

		assertThatThrownBy(() -> getEnv(pools, "initech", "TENANT_TOKEN")).isInstanceOf(TenantPoolsFullException.class)
			.hasMessageContaining("busy")
			.hasMessageNotContaining("token");
		assertThat(slowAcme.join().value()).isEqualTo("acme-token");
		assertThat(slowGlobex.join().value()).isEqualTo("globex-token");
	}

	/** Tenant pools with a call in flight, seen from the tenant pools' status. */
	private static int busy(UpstreamPools pools) {
		return pools.tenantPools().busyPools();
	}

	private UpstreamPools start(int tenantPools, Duration roomWait) {
		WorkerProperties.Upstream upstream = WorkerProperties.Upstream.of(UPSTREAM,
				CurrentClasspathCommand.of(EnvEchoServer.class.getName()), Map.of("BASE_VAR", "base"),
				WorkerProperties.Pool.fixed(1), Duration.ofSeconds(30));
		// One process per tenant pool, room for tenantPools of them besides the shared
		// one.
		ProcessBudgetProperties budget = new ProcessBudgetProperties(1 + tenantPools, 1, roomWait);
		UpstreamPools pools = new UpstreamPools(PoolFixtures.properties(upstream), budget,
				(tenant, name) -> ENV.getOrDefault(tenant, Map.of()).getOrDefault(name, Map.of()));
		started.add(pools);
		pools.start();
		return pools;
	}

	private static Answer getEnv(UpstreamPools pools, String tenant, String variable) {
		return call(pools, tenant, variable, 0);
	}

	private static Answer call(UpstreamPools pools, String tenant, String variable, long sleepMs) {
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("name", "get_env");
		params.putObject("arguments").put("name", variable).put("sleep_ms", sleepMs);
		JsonNode result = pools.execute(tenant, UPSTREAM, inSeconds(60), "tools/call", params, CallListener.NONE);
		JsonNode structured = result.path("structuredContent");
		return new Answer(structured.path("value").asString(), structured.path("pid").asLong());
	}

	private record Answer(String value, long pid) {
	}

}
