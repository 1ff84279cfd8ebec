package io.mcpbridge.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Turns a presented credential into a {@link CallerAuthentication}: a value of a JWT's
 * shape goes to the JWT provider (when JWTs are configured); anything else is an API key,
 * hashed with SHA-256 and looked up among the tenants file's hashes (compared in constant
 * time). A key costs one SHA-256 and one map lookup; nothing is allocated per request
 * beyond the digest.
 */
final class CallerAuthenticator implements AuthenticationManager {

	private static final Logger log = LoggerFactory.getLogger(CallerAuthenticator.class);

	private final TenantDirectory tenants;

	private final AuthenticationProvider jwts;

	/**
	 * @param jwts the JWT provider, null when no issuer is configured
	 */
	CallerAuthenticator(TenantDirectory tenants, AuthenticationProvider jwts) {
		this.tenants = tenants;
		this.jwts = jwts;
	}

	@Override
	public Authentication authenticate(Authentication presented) throws AuthenticationException {
		String token = ((BearerTokenAuthenticationToken) presented).getToken();
		if (jwts != null && Credentials.looksLikeJwt(token)) {
			try {
				return jwts.authenticate(presented);
			}
			catch (AuthenticationServiceException keysUnavailable) {
				// The authorization server's keys could not be read: the token cannot be
				// verified now. Refused like any unverifiable token (401), never a 500.
				log.warn("a JWT could not be verified: {}", keysUnavailable.getMessage());
				throw new InvalidBearerTokenException("the token cannot be verified now");
			}
		}
		return tenants.ownerOfKey(sha256(token))
			.map(owner -> new CallerAuthentication(owner.tenant().id(), owner.keyId(), owner.tenant().operator()))
			.orElseThrow(() -> new InvalidBearerTokenException("unknown API key"));
	}

	static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			// Every Java platform must provide SHA-256.
			throw new IllegalStateException(impossible);
		}
	}

}
