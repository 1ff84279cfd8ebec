package io.mcpbridge.worker.tenancy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.mcpbridge.common.tenants.TenantsFileException;
import io.mcpbridge.worker.config.WorkerSecurityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantUpstreamEnvironmentsTest {

	@TempDir
	Path folder;

	@Test
	void eachTenantGetsItsOwnVariablesForTheUpstreamsItNames() throws IOException {
		Path file = folder.resolve("tenants.yaml");
		Files.writeString(file, """
				tenants:
				  - id: acme
				    upstream-env:
				      home: {HA_TOKEN: acme-token}
				  - id: globex
				""");
		TenantUpstreamEnvironments environments = new TenantUpstreamEnvironments(
				new WorkerSecurityProperties(file.toString(), Duration.ofHours(1)));
		try {
			assertThat(environments.of("acme", "home"))
				.containsExactlyEntriesOf(java.util.Map.of("HA_TOKEN", "acme-token"));
			assertThat(environments.of("acme", "everything")).isEmpty();
			assertThat(environments.of("globex", "home")).isEmpty();
			assertThat(environments.of("unknown", "home")).isEmpty();
		}
		finally {
			environments.destroy();
		}
	}

	@Test
	void withoutATenantsFileNoTenantHasVariables() {
		TenantUpstreamEnvironments environments = new TenantUpstreamEnvironments(
				new WorkerSecurityProperties(null, Duration.ofSeconds(5)));

		assertThat(environments.of("acme", "home")).isEmpty();
		environments.destroy();
	}

	@Test
	void anInvalidFileStopsStartUpNamingTheLineNotTheValue() throws IOException {
		Path file = folder.resolve("tenants.yaml");
		Files.writeString(file, "tenants:\n  - id: acme\n    upstream-env:\n      home: {HA_TOKEN: [secret-value]}\n");

		assertThatThrownBy(() -> new TenantUpstreamEnvironments(
				new WorkerSecurityProperties(file.toString(), Duration.ofSeconds(5))))
			.isInstanceOf(TenantsFileException.class)
			.hasMessageContaining("tenants.yaml:4:")
			.hasMessageNotContaining("secret-value");
	}

	@Test
	void aReloadIntervalUnderASecondIsRefused() {
		assertThatThrownBy(() -> new WorkerSecurityProperties("x", Duration.ofMillis(10)))
			.hasMessageContaining("reload-interval");
	}

}
