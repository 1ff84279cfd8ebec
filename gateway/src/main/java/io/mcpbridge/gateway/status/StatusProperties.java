package io.mcpbridge.gateway.status;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fresh {@code /mcp/status} and the upstream names checked at initialize are, under
 * {@value #PREFIX}. Kept apart from the gateway's main properties: status is a feature of
 * its own.
 *
 * @param cacheTtl how long the worker reports (and the upstream names taken from them)
 * and the session count are reused before Redis is read again
 * @param queueCacheTtl how long the Kafka offsets and lag of the queue section are
 * reused; reading them costs a few broker round trips
 */
@Validated
@ConfigurationProperties(StatusProperties.PREFIX)
public record StatusProperties(@NotNull @DefaultValue("2s") Duration cacheTtl,
		@NotNull @DefaultValue("5s") Duration queueCacheTtl) {

	public static final String PREFIX = "bridge.status";

}
