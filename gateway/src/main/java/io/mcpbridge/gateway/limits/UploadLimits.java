package io.mcpbridge.gateway.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How long and how slowly a client may send a request body ({@link SlowBodyFilter}).
 *
 * @param timeout the whole body must have arrived within this long
 * @param minRate after {@code grace}, a body must have arrived at least this fast (bytes
 * per second, averaged since the request began)
 * @param grace how long a body may trickle before {@code min-rate} applies
 * @param maxReaders bodies being received at once; past it, a new one is refused at once
 * (503 OVERLOADED): a bound on buffers, not on threads (a body being received holds no
 * thread)
 */
@ConfigurationProperties(UploadLimits.PREFIX)
record UploadLimits(@DefaultValue("10s") Duration timeout, @DefaultValue("4KB") DataSize minRate,
		@DefaultValue("2s") Duration grace, @DefaultValue("2000") int maxReaders) {

	static final String PREFIX = "bridge.http.upload";

}
