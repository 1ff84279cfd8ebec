package io.mcpbridge.worker.status;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker reports its status to the gateways, under {@value #PREFIX}. Kept apart
 * from the worker's main properties: the report is a feature of its own and reads every
 * other part.
 *
 * @param publishInterval how often the worker rewrites its report in Redis; the report
 * expires after {@value #MISSED_REPORTS} intervals without a new one, so a dead worker
 * disappears from {@code /mcp/status} within that time
 */
@Validated
@ConfigurationProperties(StatusProperties.PREFIX)
public record StatusProperties(@NotNull @DefaultValue("5s") Duration publishInterval) {

	public static final String PREFIX = "bridge.status";

	/**
	 * Reports a worker may miss before it counts as gone: one slow write must not hide a
	 * live worker.
	 */
	static final int MISSED_REPORTS = 3;

	@AssertTrue(message = "bridge.status.publish-interval must be at least 100ms")
	public boolean isPublishIntervalReasonable() {
		return publishInterval == null || publishInterval.toMillis() >= 100;
	}

	/** How long one report stays valid. */
	Duration reportTtl() {
		return publishInterval.multipliedBy(MISSED_REPORTS);
	}
}
