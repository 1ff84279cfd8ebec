package io.mcpbridge.gateway.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerAuthenticatorTest {

	@TempDir
	Path folder;

	private TenantDirectory directory;

	@AfterEach
	void stop() {
		if (directory != null) {
			directory.destroy();
		}
	}

	private TenantDirectory directory(String yaml) throws IOException {
		Path file = folder.resolve("tenants.yaml");
		Files.writeString(file, yaml);
		directory = new TenantDirectory(new SecurityProperties(file.toString(), Duration.ofHours(1), null, List.of(),
				new SecurityProperties.Jwt(null, null, "tenant")));
		return directory;
	}

	@Test
	void aKnownKeyBecomesItsTenantAndKeyId() throws IOException {
		CallerAuthenticator authenticator = new CallerAuthenticator(directory("tenants:\n  - id: acme\n"
				+ "    api-keys: [\"" + TenantDirectoryTest.hashOf("secret") + "\"]\n    operator: true\n"), null);
		Authentication caller = authenticator.authenticate(new BearerTokenAuthenticationToken("secret"));
		assertThat(caller).isInstanceOfSatisfying(CallerAuthentication.class, known -> {
			assertThat(known.tenant()).isEqualTo("acme");
			assertThat(known.owner()).startsWith("key:").doesNotContain("secret");
			assertThat(known.operator()).isTrue();
			assertThat(known.getCredentials()).isNull();
		});
	}

	@Test
	void anUnknownKeyOrAJwtWithoutIssuerIsRefused() throws IOException {
		CallerAuthenticator authenticator = new CallerAuthenticator(
				directory("tenants:\n  - id: acme\n    api-keys: [\"" + TenantDirectoryTest.hashOf("secret") + "\"]\n"),
				null);
		assertThatThrownBy(() -> authenticator.authenticate(new BearerTokenAuthenticationToken("Secret")))
			.isInstanceOf(InvalidBearerTokenException.class);
		assertThatThrownBy(() -> authenticator.authenticate(new BearerTokenAuthenticationToken("a.b.c")))
			.as("a JWT-shaped value is an API key when JWTs are off")
			.isInstanceOf(InvalidBearerTokenException.class);
	}

}
