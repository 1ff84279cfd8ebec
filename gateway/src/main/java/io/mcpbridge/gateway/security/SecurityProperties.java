package io.mcpbridge.gateway.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication, under {@value #PREFIX}. With neither a tenants file nor a JWT issuer
 * the gateway is open: every call is {@code bridge.default-tenant}'s.
 *
 * @param tenantsFile the tenants file (YAML: tenants, their API key hashes, upstreams and
 * limits); set, API keys are required. Env {@code BRIDGE_SECURITY_TENANTS_FILE}
 * @param reloadInterval how often the tenants file's modification time is checked; a
 * changed file is loaded without a restart (an invalid one is logged and the previous
 * version kept). At least 1 s
 * @param resource this bridge's resource URI (RFC 8707, RFC 9728), e.g.
 * {@code https://bridge.example.com/mcp}: the audience JWTs must carry. Blank: derived
 * from each request's scheme and host (fine behind a proxy that forwards them)
 * @param authorizationServers the authorization servers named in
 * {@code /.well-known/oauth-protected-resource}; empty: the JWT issuer
 * @param jwt OAuth 2.1 bearer tokens
 */
@Validated
@ConfigurationProperties(SecurityProperties.PREFIX)
public record SecurityProperties(String tenantsFile, @NotNull @DefaultValue("5s") Duration reloadInterval,
		String resource, @DefaultValue List<String> authorizationServers, @Valid @DefaultValue Jwt jwt) {

	public static final String PREFIX = "bridge.security";

	public SecurityProperties {
		if (reloadInterval != null && reloadInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("bridge.security.reload-interval must be at least 1s");
		}
		authorizationServers = authorizationServers == null ? List.of() : List.copyOf(authorizationServers);
		if (resource != null && !resource.isBlank()) {
			java.net.URI uri = java.net.URI.create(resource);
			if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawFragment() != null) {
				throw new IllegalArgumentException(
						"bridge.security.resource must be an absolute URI without fragment: " + resource);
			}
		}
	}

	/** Whether API keys are accepted (a tenants file is configured). */
	public boolean apiKeys() {
		return tenantsFile != null && !tenantsFile.isBlank();
	}

	/** Whether callers must authenticate. */
	public boolean enabled() {
		return apiKeys() || jwt.enabled();
	}

	/** The servers to name in the protected resource metadata. */
	List<String> advertisedAuthorizationServers() {
		if (!authorizationServers.isEmpty() || !jwt.hasIssuer()) {
			return authorizationServers;
		}
		return List.of(jwt.issuerUri());
	}

	/**
	 * @param issuerUri the authorization server's issuer; tokens must carry it as
	 * {@code iss}. Its JWK set is discovered from it unless {@code jwk-set-uri} is set
	 * @param jwkSetUri where the signing keys are (skips discovery)
	 * @param tenantClaim the claim that names the caller's tenant; a token without it is
	 * refused
	 */
	public record Jwt(String issuerUri, String jwkSetUri, @DefaultValue("tenant") String tenantClaim) {

		boolean hasIssuer() {
			return issuerUri != null && !issuerUri.isBlank();
		}

		boolean enabled() {
			return hasIssuer() || (jwkSetUri != null && !jwkSetUri.isBlank());
		}
	}
}
