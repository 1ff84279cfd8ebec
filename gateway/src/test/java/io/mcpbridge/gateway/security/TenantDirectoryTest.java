package io.mcpbridge.gateway.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import io.mcpbridge.common.tenants.TenantsFileException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantDirectoryTest {

	@TempDir
	Path folder;

	private TenantDirectory directory;

	@AfterEach
	void stop() {
		if (directory != null) {
			directory.destroy();
		}
	}

	static String hashOf(String key) {
		return "sha256:" + HexFormat.of().formatHex(CallerAuthenticator.sha256(key));
	}

	private Path write(String yaml, int secondsAgo) throws IOException {
		Path file = folder.resolve("tenants.yaml");
		Files.writeString(file, yaml);
		// Modification times are compared, not read as clocks: set distinct ones.
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
		return file;
	}

	private static SecurityProperties properties(Path file) {
		return new SecurityProperties(file.toString(), Duration.ofHours(1), null, List.of(),
				new SecurityProperties.Jwt(null, null, "tenant"));
	}

	private boolean knows(String key) {
		return directory.ownerOfKey(CallerAuthenticator.sha256(key)).isPresent();
	}

	@Test
	void keysAreFoundByTheirHashOnly() throws IOException {
		directory = new TenantDirectory(properties(
				write("tenants:\n  - id: acme\n    api-keys: [\"" + hashOf("k1") + "\"]\n    max-pending: 7\n", 100)));
		assertThat(directory.ownerOfKey(CallerAuthenticator.sha256("k1"))).get()
			.satisfies(owner -> assertThat(owner.tenant().id()).isEqualTo("acme"))
			.satisfies(owner -> assertThat(owner.keyId()).startsWith("key:").hasSize(16));
		assertThat(knows("k2")).isFalse();
		assertThat(directory.maxPending("acme")).hasValue(7);
		assertThat(directory.maxPending("other")).isEmpty();
	}

	@Test
	void anInvalidFileStopsStartUpNamingTheLine() throws IOException {
		Path file = write("tenants:\n  - id: acme\n    api-keys: [\"not-a-hash\"]\n", 100);
		assertThatThrownBy(() -> new TenantDirectory(properties(file))).isInstanceOf(TenantsFileException.class)
			.hasMessageContaining("tenants.yaml:3:");
	}

	@Test
	void aChangedFileIsLoadedAndAnInvalidChangeKeepsThePreviousVersion() throws IOException {
		Path file = write("tenants:\n  - id: acme\n    api-keys: [\"" + hashOf("k1") + "\"]\n", 300);
		directory = new TenantDirectory(properties(file));
		assertThat(knows("k1")).isTrue();

		write("tenants:\n  - id: acme\n    api-keys: [\"" + hashOf("k2") + "\"]\n", 200);
		directory.reloadIfChanged();
		assertThat(knows("k2")).as("new key after reload").isTrue();
		assertThat(knows("k1")).as("removed key after reload").isFalse();

		write("tenants:\n  - id: acme\n    api-keys: [\"" + hashOf("k3") + "\"]\n    bogus: 1\n", 100);
		directory.reloadIfChanged();
		assertThat(knows("k2")).as("previous version kept").isTrue();
		assertThat(knows("k3")).isFalse();
	}

	@Test
	void withoutAFileItIsEmpty() {
		directory = new TenantDirectory(new SecurityProperties(null, Duration.ofSeconds(5), null, List.of(),
				new SecurityProperties.Jwt(null, null, "tenant")));
		assertThat(directory.tenant("default")).isEmpty();
		assertThat(directory.maxPending("default")).isEmpty();
	}

}
