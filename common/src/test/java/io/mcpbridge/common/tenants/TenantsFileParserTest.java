package io.mcpbridge.common.tenants;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantsFileParserTest {

	static final String HASH_A = "sha256:" + "a".repeat(64);

	static final String HASH_B = "sha256:" + "B".repeat(64);

	private static List<Tenant> parse(String yaml) {
		return TenantsFileParser.parse("tenants.yaml", new StringReader(yaml));
	}

	@Test
	void aCompleteTenantIsRead() {
		List<Tenant> tenants = parse("""
				tenants:
				  - id: acme
				    api-keys: ["%s"]
				    upstreams: [home, everything]
				    max-pending: 500
				    rate-limit: {capacity: 100, refill-per-second: 10}
				    upstream-env:
				      home: {HA_TOKEN: "secret-token"}
				    operator: true
				  - id: globex
				    api-keys: ["%s"]
				""".formatted(HASH_A, HASH_B));
		assertThat(tenants).hasSize(2);
		Tenant acme = tenants.get(0);
		assertThat(acme.id()).isEqualTo("acme");
		assertThat(acme.apiKeys()).hasSize(1);
		assertThat(acme.upstreams()).contains(Set.of("home", "everything"));
		assertThat(acme.maxPending()).hasValue(500);
		assertThat(acme.rateLimit()).contains(new RateLimit(100, 10));
		assertThat(acme.upstreamEnv()).isEqualTo(Map.of("home", Map.of("HA_TOKEN", "secret-token")));
		assertThat(acme.operator()).isTrue();
		assertThat(acme.mayUse("home")).isTrue();
		assertThat(acme.mayUse("memory")).isFalse();
		Tenant globex = tenants.get(1);
		assertThat(globex.upstreams()).isEmpty();
		assertThat(globex.mayUse("anything")).isTrue();
		assertThat(globex.maxPending()).isEmpty();
		assertThat(globex.rateLimit()).isEmpty();
		assertThat(globex.operator()).isFalse();
	}

	@Test
	void credentialsNeverAppearInToString() {
		Tenant acme = parse("""
				tenants:
				  - id: acme
				    api-keys: ["%s"]
				    upstream-env:
				      home: {HA_TOKEN: "secret-token"}
				""".formatted(HASH_A)).get(0);
		assertThat(acme.toString()).contains("acme", "home").doesNotContain("secret-token", "aaaa", "HA_TOKEN");
	}

	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|', textBlock = """
			tenants:\\n  - id: acme\\n    colour: blue | 3 | unknown key 'colour'
			tenants:\\n  - id: acme\\n  - id: acme | 3 | duplicate tenant id 'acme'
			tenants:\\n  - id: acme\\n    api-keys: [plain-text-key] | 3 | sha256:<64 hex digits>
			tenants:\\n  - id: acme\\n    api-keys: ["sha256:abc"] | 3 | sha256:<64 hex digits>
			tenants:\\n  - id: acme\\n    max-pending: lots | 3 | max-pending must be a number
			tenants:\\n  - id: acme\\n    max-pending: 0 | 3 | max-pending must be between
			tenants:\\n  - id: acme\\n    max-pending: 1.5 | 3 | whole number
			tenants:\\n  - id: acme\\n    rate-limit: {capacity: 10} | 3 | needs capacity and refill
			tenants:\\n  - id: acme\\n    upstreams: home | 3 | upstreams must be a list
			tenants:\\n  - id: 'a/b' | 2 | id must be
			tenants:\\n  - api-keys: [] | 2 | needs an 'id'
			tenants:\\n  - id: acme\\n    operator: yes-please | 3 | operator must be true or false
			tenants:\\n  - id: acme\\n    upstream-env: {home: {'bad name': x}} | 3 | not an environment variable name
			tenant:\\n  - id: acme | 1 | unknown key 'tenant'
			tenants:\\n  - id: acme\\n    upstreams: [home\\n | 4 | not valid YAML
			""")
	void aBadFileIsRefusedWithItsLine(String yaml, int line, String problem) {
		assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n"))).isInstanceOf(TenantsFileException.class)
			.hasMessageStartingWith("tenants.yaml:" + line + ":")
			.hasMessageContaining(problem);
	}

	@Test
	void theSameKeyTwiceIsRefusedWithItsLine() {
		assertThatThrownBy(() -> parse("""
				tenants:
				  - id: acme
				    api-keys: ["%s"]
				  - id: globex
				    api-keys: ["%s"]
				""".formatted(HASH_A, HASH_A.toUpperCase().replace("SHA256", "sha256"))))
			.hasMessageStartingWith("tenants.yaml:5:")
			.hasMessageContaining("listed twice");
	}

	@Test
	void anEmptyFileIsRefused() {
		assertThatThrownBy(() -> parse("")).isInstanceOf(TenantsFileException.class).hasMessageContaining("empty");
	}

	@Test
	void aCredentialIsNotQuotedInAnError() {
		assertThatThrownBy(() -> parse("""
				tenants:
				  - id: acme
				    upstream-env: {home: {TOKEN: [not, a, string]}}
				""")).hasMessageStartingWith("tenants.yaml:3:").hasMessageNotContaining("not, a");
	}

	@Test
	void theExampleFileIsValid() {
		List<Tenant> tenants = TenantsFileParser.read(java.nio.file.Path.of("../config/tenants.example.yaml"));
		assertThat(tenants).extracting(Tenant::id).containsExactly("acme", "globex", "ops");
		assertThat(tenants.get(2).operator()).isTrue();
	}

}
