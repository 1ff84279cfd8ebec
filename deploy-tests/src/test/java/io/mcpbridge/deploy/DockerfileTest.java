package io.mcpbridge.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images' Dockerfiles, read statically: no Docker engine on the machines that run the
 * build, so they are not built here (README, "Deploy").
 */
class DockerfileTest {

	private static List<String> instructions(String file) throws Exception {
		String text = Files.readString(ComposeFileIT.ROOT.resolve("docker").resolve(file));
		// Join continued lines, drop comments: one instruction per entry.
		return text.replace("\\\n", " ")
			.lines()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway.Dockerfile", "worker.Dockerfile" })
	void multiStageLayeredNonRootWithTheSeedsHealthCheck(String file) throws Exception {
		List<String> lines = instructions(file);

		assertThat(lines.stream().filter(line -> line.startsWith("FROM "))).hasSizeGreaterThanOrEqualTo(3);
		assertThat(lines).anyMatch(line -> line.contains("-Djarmode=tools") && line.contains("extract --layers"));
		assertThat(lines).filteredOn(line -> line.startsWith("COPY --from=layers"))
			.extracting(line -> line.replaceAll(".*/extracted/([a-z-]+)/.*", "$1"))
			.containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
		String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
		assertThat(user).matches("USER [1-9][0-9]{3,}(:[1-9][0-9]{3,})?");
		assertThat(lines).anyMatch(line -> Pattern
			.compile("HEALTHCHECK --interval=30s --timeout=5s --retries=3 +CMD curl -fsS .*/.*health.*")
			.matcher(line)
			.matches());
		assertThat(lines).anyMatch(line -> line.matches("EXPOSE .*\\b9090\\b.*"));
		assertThat(lines.get(lines.size() - 1)).startsWith("ENTRYPOINT [\"java\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "worker.Dockerfile" })
	void theWorkerImageCarriesNodeAndHomeSim(String file) throws Exception {
		List<String> lines = instructions(file);

		assertThat(lines).anyMatch(line -> line.startsWith("FROM node:"));
		assertThat(lines).anyMatch(line -> line.contains("/usr/local/bin/npx"));
		assertThat(lines).anyMatch(line -> line.contains("/app/home-sim.jar"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway.Dockerfile" })
	void theGatewayExposesTheTrafficPortAndChecksTheSeedsHealth(String file) throws Exception {
		List<String> lines = instructions(file);

		assertThat(lines).anyMatch(line -> line.equals("EXPOSE 3003 9090"));
		assertThat(lines).anyMatch(line -> line.contains("HEALTHCHECK") && line.contains("/health\""));
	}

}
