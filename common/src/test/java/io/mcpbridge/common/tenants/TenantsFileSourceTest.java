package io.mcpbridge.common.tenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenants file read at start-up and watched for changes. */
class TenantsFileSourceTest {

	@TempDir
	Path folder;

	private final List<List<Tenant>> loaded = new ArrayList<>();

	private final List<String> refused = new ArrayList<>();

	private Path write(String yaml, int secondsAgo) throws IOException {
		Path file = folder.resolve("tenants.yaml");
		Files.writeString(file, yaml);
		// Modification times are compared, not read as clocks: set distinct ones.
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
		return file;
	}

	@Test
	void aTenantsVariablesAreReadPerUpstream() throws IOException {
		TenantsFileSource source = new TenantsFileSource(
				write("tenants:\n  - id: acme\n    upstream-env:\n      home: {HA_TOKEN: t1}\n  - id: globex\n", 100));

		var tenants = source.load();

		assertThat(tenants.get(0).env("home")).containsEntry("HA_TOKEN", "t1");
		assertThat(tenants.get(0).env("everything")).isEmpty();
		assertThat(tenants.get(1).env("home")).isEmpty();
		assertThat(tenants.get(0).toString()).contains("home").doesNotContain("t1");
	}

	@Test
	void anUnchangedFileIsNotReadAgain() throws IOException {
		TenantsFileSource source = new TenantsFileSource(write("tenants:\n  - id: acme\n", 100));
		source.load();

		assertThat(source.reloadIfChanged()).isInstanceOf(TenantsFileSource.Outcome.Unchanged.class);
	}

	@Test
	void aChangedFileIsLoadedAndABrokenChangeIsRefusedOnce() throws IOException {
		TenantsFileSource source = new TenantsFileSource(write("tenants:\n  - id: acme\n", 300));
		source.load();

		write("tenants:\n  - id: acme\n  - id: globex\n", 200);
		assertThat(source.reloadIfChanged()).isInstanceOfSatisfying(TenantsFileSource.Outcome.Loaded.class,
				loaded -> assertThat(loaded.tenants()).hasSize(2));

		write("tenants:\n  - id: acme\n    upstream-env: {home: {HA_TOKEN: secret-value}}\n    bogus: 1\n", 100);
		assertThat(source.reloadIfChanged()).isInstanceOfSatisfying(TenantsFileSource.Outcome.Refused.class,
				refused -> assertThat(refused.message()).contains("tenants.yaml:4:").doesNotContain("secret-value"));
		assertThat(source.reloadIfChanged()).as("the same broken version is reported once")
			.isInstanceOf(TenantsFileSource.Outcome.Unchanged.class);
	}

	@Test
	void aMissingFileFailsTheFirstLoadAndLaterKeepsTheLoadedVersion() throws IOException {
		Path file = write("tenants:\n  - id: acme\n", 100);
		TenantsFileSource source = new TenantsFileSource(file);
		source.load();
		Files.delete(file);

		assertThat(source.reloadIfChanged()).isInstanceOf(TenantsFileSource.Outcome.Unchanged.class);
		assertThatThrownBy(source::load).isInstanceOf(TenantsFileException.class)
			.hasMessageContaining("cannot be read");
		assertThat(source.file()).isEqualTo(file);
	}

	@Test
	void aLookHandsOnAChangedFileOrTheReasonItWasRefused() throws IOException {
		TenantsFileSource source = new TenantsFileSource(write("tenants:\n  - id: acme\n", 300));
		source.load();

		TenantsFileWatch.look(source, loaded::add, refused::add);
		write("tenants:\n  - id: acme\n  - id: globex\n", 200);
		TenantsFileWatch.look(source, loaded::add, refused::add);
		write("tenants: 3\n", 100);
		TenantsFileWatch.look(source, loaded::add, refused::add);

		assertThat(loaded).hasSize(1);
		assertThat(loaded.get(0)).extracting(Tenant::id).containsExactly("acme", "globex");
		assertThat(refused).singleElement().asString().contains("must be a list");
	}

	@Test
	void aFailingConsumerIsReportedNotThrown() throws IOException {
		TenantsFileSource source = new TenantsFileSource(write("tenants:\n  - id: acme\n", 100));

		TenantsFileWatch.look(source, tenants -> {
			throw new IllegalStateException("bug");
		}, refused::add);

		assertThat(refused).singleElement().asString().contains("could not be applied (IllegalStateException)");
	}

	@Test
	void aWatchRunsOnADaemonThreadUntilClosed() throws IOException {
		TenantsFileSource source = new TenantsFileSource(write("tenants:\n  - id: acme\n", 100));

		try (TenantsFileWatch watch = TenantsFileWatch.start(source, Duration.ofHours(1), loaded::add, refused::add)) {
			assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(thread -> {
				assertThat(thread.getName()).isEqualTo("tenants-file-reload");
				assertThat(thread.isDaemon()).isTrue();
			});
		}
	}

}
