package io.mcpbridge.worker.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many upstream processes one worker may run, under {@value #PREFIX}. The shared pool
 * of each upstream ({@code bridge.upstreams[*].pool}) is bounded by its own {@code max};
 * tenant pools (a tenant whose {@code upstream-env} gives an upstream credentials of its
 * own gets processes of its own) share what the total leaves, each reserving
 * {@code tenant-pool-max} processes while it exists. A new tenant pool that finds no room
 * stops the least recently used idle tenant pool; when every tenant pool is busy, its
 * call waits up to {@code tenant-room-wait} (within its deadline) and then fails with
 * {@code OVERLOADED}.
 *
 * @param maxTotalProcesses the most processes this worker runs, shared pools included;
 * unset: the shared pools' {@code max} summed, plus room for
 * {@value #DEFAULT_TENANT_POOLS} tenant pools. Set below the shared pools' sum, start-up
 * fails
 * @param tenantPoolMax the most processes one tenant pool runs (it starts with one and
 * grows while its calls wait, like a shared pool); also what it reserves of the total
 * @param tenantRoomWait how long a call waits for room for its tenant pool before it is
 * answered {@code OVERLOADED} (never past the call's deadline)
 */
@Validated
@ConfigurationProperties(ProcessBudgetProperties.PREFIX)
public record ProcessBudgetProperties(@Min(1) Integer maxTotalProcesses,
		@DefaultValue("2") @Min(1) @Max(64) int tenantPoolMax, @NotNull @DefaultValue("5s") Duration tenantRoomWait) {

	public static final String PREFIX = "bridge.pool";

	/** Tenant pools the default total leaves room for. */
	static final int DEFAULT_TENANT_POOLS = 4;

	/** The defaults, for code that builds pools without a Spring context. */
	public static ProcessBudgetProperties defaults() {
		return new ProcessBudgetProperties(null, 2, Duration.ofSeconds(5));
	}

	/**
	 * The processes tenant pools may hold together: the total less what the shared pools
	 * may reach.
	 * @throws IllegalArgumentException the total is below the shared pools' sum
	 */
	public int tenantCapacity(List<WorkerProperties.Upstream> upstreams) {
		int shared = upstreams.stream()
			.mapToInt(upstream -> upstream.pool().autoScale() ? upstream.pool().max() : upstream.pool().target())
			.sum();
		if (maxTotalProcesses == null) {
			return DEFAULT_TENANT_POOLS * tenantPoolMax;
		}
		if (maxTotalProcesses < shared) {
			throw new IllegalArgumentException(PREFIX + ".max-total-processes (" + maxTotalProcesses
					+ ") is below what the shared pools may run (" + shared + ", the sum of their max)");
		}
		return maxTotalProcesses - shared;
	}

}
