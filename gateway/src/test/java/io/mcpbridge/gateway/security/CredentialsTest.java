package io.mcpbridge.gateway.security;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

	private final Credentials credentials = new Credentials();

	@Test
	void aBearerValueComesFromAuthorizationElseFromXApiKey() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(credentials.resolve(request)).isNull();
		request.addHeader(Credentials.API_KEY_HEADER, " key-1 ");
		assertThat(credentials.resolve(request)).isEqualTo("key-1");
		request.addHeader("Authorization", "bearer key-2");
		assertThat(credentials.resolve(request)).isEqualTo("key-2");
	}

	@Test
	void aBlankOrOversizedCredentialIsStillACredentialThatMatchesNothing() {
		MockHttpServletRequest blank = new MockHttpServletRequest();
		blank.addHeader("Authorization", "Bearer   ");
		assertThat(credentials.resolve(blank)).isEqualTo("-");
		MockHttpServletRequest huge = new MockHttpServletRequest();
		huge.addHeader(Credentials.API_KEY_HEADER, "k".repeat(Credentials.MAX_LENGTH + 1));
		assertThat(credentials.resolve(huge)).isEqualTo("-");
	}

	@Test
	void otherAuthorizationSchemesAreNoBearerCredential() {
		MockHttpServletRequest basic = new MockHttpServletRequest();
		basic.addHeader("Authorization", "Basic dXNlcjpwYXNz");
		assertThat(credentials.resolve(basic)).isNull();
	}

	@Test
	void onlyThreeBase64UrlPartsLookLikeAJwt() {
		assertThat(Credentials.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln")).isTrue();
		assertThat(Credentials.looksLikeJwt("plain-api-key")).isFalse();
		assertThat(Credentials.looksLikeJwt("a.b")).isFalse();
		assertThat(Credentials.looksLikeJwt("a.b.c.d")).isFalse();
		assertThat(Credentials.looksLikeJwt("a..c")).isFalse();
		assertThat(Credentials.looksLikeJwt(".b.c")).isFalse();
		assertThat(Credentials.looksLikeJwt("a.b.")).isFalse();
		assertThat(Credentials.looksLikeJwt("a+b.c.d")).isFalse();
	}

}
