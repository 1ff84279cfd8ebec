package io.mcpbridge.worker.pool;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tenant pools of a worker, in numbers only: no tenant, no variable.
 *
 * @param pools tenant pools running
 * @param busyPools of those, the ones with calls running or waiting
 * @param reservedProcesses processes they reserve (and pools still stopping)
 * @param capacity processes the budget leaves to tenant pools
 * @param evictions idle pools stopped to make room for another since start-up
 */
public record TenantPoolsStatus(@JsonProperty("pools") int pools, @JsonProperty("busy_pools") int busyPools,
		@JsonProperty("reserved_processes") int reservedProcesses, @JsonProperty("capacity") int capacity,
		@JsonProperty("evictions") long evictions) {
}
