package io.mcpbridge.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessBudgetPropertiesTest {

	private static final List<WorkerProperties.Upstream> UPSTREAMS = List.of(
			WorkerProperties.Upstream.of("home", List.of("java"), Map.of(),
					new WorkerProperties.Pool(2, 10, 5, 1.5, Duration.ofMinutes(5), Duration.ofMinutes(1),
							Duration.ofSeconds(5), true),
					Duration.ofSeconds(60)),
			WorkerProperties.Upstream.of("fixed", List.of("java"), Map.of(), WorkerProperties.Pool.fixed(3),
					Duration.ofSeconds(60)));

	@Test
	void unsetTheTotalLeavesRoomForFourTenantPools() {
		assertThat(ProcessBudgetProperties.defaults().tenantCapacity(UPSTREAMS)).isEqualTo(8);
	}

	@Test
	void setTheTenantPoolsGetWhatTheSharedPoolsMaximaLeave() {
		ProcessBudgetProperties budget = new ProcessBudgetProperties(20, 2, Duration.ofSeconds(5));

		// The shared pools may reach 10 (auto-scale max) + 3 (fixed target).
		assertThat(budget.tenantCapacity(UPSTREAMS)).isEqualTo(7);
	}

	@Test
	void aTotalBelowTheSharedPoolsStopsStartUp() {
		ProcessBudgetProperties budget = new ProcessBudgetProperties(12, 2, Duration.ofSeconds(5));

		assertThatThrownBy(() -> budget.tenantCapacity(UPSTREAMS)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("max-total-processes (12)")
			.hasMessageContaining("13");
	}

	@Test
	void aTenantsPoolStartsWithOneProcessAndKeepsItsUpstreamsSettings() {
		WorkerProperties.Upstream home = UPSTREAMS.get(0);
		WorkerProperties.Upstream forAcme = home.forTenant(Map.of("HA_TOKEN", "secret-value"),
				home.pool().forTenant(2));

		assertThat(forAcme.env()).containsEntry("HA_TOKEN", "secret-value");
		assertThat(forAcme.pool().min()).isEqualTo(1);
		assertThat(forAcme.pool().max()).isEqualTo(2);
		assertThat(forAcme.pool().maxConcurrentPerProcess()).isEqualTo(home.pool().maxConcurrentPerProcess());
		assertThat(forAcme.toString()).contains("HA_TOKEN").doesNotContain("secret-value");
	}

}
