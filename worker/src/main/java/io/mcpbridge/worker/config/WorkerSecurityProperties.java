package io.mcpbridge.worker.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tenants file, under {@value #PREFIX}: the same file and property names as the
 * gateway's. The worker reads only each tenant's {@code upstream-env} from it.
 *
 * @param tenantsFile the tenants file; unset: every call uses the shared pools. Env
 * {@code BRIDGE_SECURITY_TENANTS_FILE}
 * @param reloadInterval how often the file's modification time is checked; a changed,
 * valid file applies to the next calls (an invalid one is logged and the previous version
 * kept). At least 1 s
 */
@Validated
@ConfigurationProperties(WorkerSecurityProperties.PREFIX)
public record WorkerSecurityProperties(String tenantsFile, @NotNull @DefaultValue("5s") Duration reloadInterval) {

	public static final String PREFIX = "bridge.security";

	public WorkerSecurityProperties {
		if (reloadInterval != null && reloadInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(PREFIX + ".reload-interval must be at least 1s");
		}
	}

	/** Whether a tenants file is configured. */
	public boolean hasTenantsFile() {
		return tenantsFile != null && !tenantsFile.isBlank();
	}

}
