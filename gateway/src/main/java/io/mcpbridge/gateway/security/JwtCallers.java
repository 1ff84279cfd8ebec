package io.mcpbridge.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.mcpbridge.common.tenants.Tenant;
import io.mcpbridge.common.Identifiers;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.web.client.RestTemplate;

/**
 * JWT bearer tokens of an OAuth 2.1 authorization server: signature from its JWK set,
 * {@code iss} (when an issuer is configured), {@code exp}/{@code nbf}, {@code aud} naming
 * this bridge's resource URI (RFC 8707: a token minted for another service is refused), a
 * {@code sub}, and the tenant claim naming a valid tenant.
 */
final class JwtCallers {

	/** A subject longer than this is refused: it becomes the owner of sessions. */
	static final int MAX_SUBJECT = 256;

	private static final Duration KEY_FETCH_CONNECT_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration KEY_FETCH_READ_TIMEOUT = Duration.ofSeconds(10);

	private JwtCallers() {
	}

	/** The provider, or null when no issuer or JWK set is configured. */
	static AuthenticationProvider provider(SecurityProperties properties, TenantDirectory tenants) {
		SecurityProperties.Jwt jwt = properties.jwt();
		if (!jwt.enabled()) {
			return null;
		}
		if (properties.resource() == null || properties.resource().isBlank()) {
			throw new IllegalStateException("JWT bearer tokens need bridge.security.resource, "
					+ "this bridge's resource URI (the audience tokens must name)");
		}
		NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()
				? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
				: NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri());
		NimbusJwtDecoder decoder = builder.restOperations(keyFetcher()).build();
		decoder.setJwtValidator(validator(jwt, properties.resource()));
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		String claim = jwt.tenantClaim();
		provider.setJwtAuthenticationConverter(token -> {
			String tenant = token.getClaimAsString(claim);
			boolean operator = tenants.tenant(tenant).map(Tenant::operator).orElse(false);
			return new CallerAuthentication(tenant, "jwt:" + token.getSubject(), operator);
		});
		return provider;
	}

	/**
	 * Bounded waits for the authorization server's keys (fetched on first use, then
	 * cached): a slow server fails those requests, it never holds threads indefinitely.
	 */
	private static RestTemplate keyFetcher() {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(KEY_FETCH_CONNECT_TIMEOUT);
		requests.setReadTimeout(KEY_FETCH_READ_TIMEOUT);
		return new RestTemplate(requests);
	}

	static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt jwt, String resource) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(jwt.hasIssuer() ? JwtValidators.createDefaultWithIssuer(jwt.issuerUri())
				: JwtValidators.createDefault());
		validators.add(new JwtClaimValidator<Object>(JwtClaimNames.AUD, audience -> names(audience, resource)));
		validators.add(new JwtClaimValidator<Object>(JwtClaimNames.SUB,
				subject -> subject instanceof String text && !text.isBlank() && text.length() <= MAX_SUBJECT));
		validators.add(new JwtClaimValidator<Object>(jwt.tenantClaim(),
				tenant -> tenant instanceof String name && Identifiers.isValidName(name)));
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	private static boolean names(Object audience, String resource) {
		if (audience instanceof String single) {
			return single.equals(resource);
		}
		return audience instanceof Collection<?> many && many.contains(resource);
	}

}
