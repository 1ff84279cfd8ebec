package io.mcpbridge.gateway.security;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Open mode (no tenants file, no JWT issuer): everything is allowed
 * and every call is the default tenant's, as before authentication existed. Otherwise
 * every path needs an API key or a JWT, except the probes ({@code /health},
 * {@code /actuator/health/**}, {@code /metrics} on the management port), the status
 * page's HTML shell ({@code /status}: the data it shows comes from {@code /mcp/status},
 * which needs credentials) and the RFC 9728 metadata. Stateless: no HTTP session, no CSRF
 * token (no cookies are used, so there is nothing to forge).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	@Bean
	SecurityFilterChain bridgeSecurity(HttpSecurity http, SecurityProperties properties, TenantDirectory tenants)
			throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		if (!properties.enabled()) {
			// Open mode: the chain applies to no request, so responses and costs stay
			// exactly as they were before authentication existed.
			return http.securityMatcher(request -> false)
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.build();
		}
		// Responses say themselves what may be cached (SSE streams, cache hints):
		// Spring Security's blanket no-store would override them.
		http.headers(headers -> headers.cacheControl(cache -> cache.disable()));
		ResourceMetadata metadata = new ResourceMetadata(properties);
		UnauthorizedAnswer unauthorized = new UnauthorizedAnswer(metadata);
		CallerAuthenticator authenticator = new CallerAuthenticator(tenants, JwtCallers.provider(properties, tenants));
		http.authorizeHttpRequests(requests -> requests
			// The request was authorized on its way in; its async completion and error
			// pages need nothing more.
			.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
			.permitAll()
			// The status page and its two files hold no data: its script asks for a key
			// and
			// sends it with every /mcp/status poll.
			.requestMatchers("/health", "/status", "/status/status.js", "/status/status.css", ResourceMetadata.PATH,
					ResourceMetadata.PATH + "/**", "/actuator/health", "/actuator/health/**", "/metrics", "/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.bearerTokenResolver(new Credentials())
				.authenticationManagerResolver(request -> authenticator)
				.authenticationEntryPoint(unauthorized)
				.protectedResourceMetadata(metadataDocument -> metadataDocument
					.protectedResourceMetadataCustomizer(document -> describe(document, properties))))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized));
		return http.build();
	}

	/**
	 * The RFC 9728 document: the configured resource URI (else the request's origin, as
	 * Spring Security derives it) and authorization servers; bearer tokens in the header
	 * only.
	 */
	private static void describe(OAuth2ProtectedResourceMetadata.Builder document, SecurityProperties properties) {
		if (properties.resource() != null && !properties.resource().isBlank()) {
			document.resource(properties.resource());
		}
		document.authorizationServers(servers -> {
			servers.clear();
			servers.addAll(properties.advertisedAuthorizationServers());
		});
		document.bearerMethods(methods -> {
			methods.clear();
			methods.add("header");
		});
		document.resourceName("mcp-bridge");
		document.tlsClientCertificateBoundAccessTokens(false);
	}

}
