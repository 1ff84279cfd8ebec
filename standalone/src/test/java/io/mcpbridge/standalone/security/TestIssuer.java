package io.mcpbridge.standalone.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OAuth authorization server for tests: an RSA key pair made at start, its
 * public JWK set served over HTTP on a free loopback port, and tokens signed with it.
 */
final class TestIssuer implements AutoCloseable {

	private final RSAKey key;

	private final HttpServer server;

	private TestIssuer(RSAKey key, HttpServer server) {
		this.key = key;
		this.server = server;
	}

	static TestIssuer start() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/jwks", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(jwks);
				}
			});
			// Its own threads: the JWK set answers whatever the test's main thread is
			// doing.
			server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
				Thread thread = new Thread(runnable, "test-issuer");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return new TestIssuer(key, server);
		}
		catch (IOException | JOSEException failure) {
			throw new IllegalStateException("could not start the test issuer", failure);
		}
	}

	String issuer() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	String jwkSetUri() {
		return issuer() + "/jwks";
	}

	/**
	 * A token with these claims (sub, iss, aud, exp... as given; null values left out).
	 */
	String token(Map<String, Object> claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.forEach((name, value) -> {
			if (value instanceof Instant instant) {
				builder.claim(name, Date.from(instant));
			}
			else if (value != null) {
				builder.claim(name, value);
			}
		});
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				builder.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException failure) {
			throw new IllegalStateException(failure);
		}
		return jwt.serialize();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
