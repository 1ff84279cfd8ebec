package io.mcpbridge.gateway.cache;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/** The state of one read on its way through the levels. */
final class CacheRead {

	final CacheRequest request;

	final CacheKey key;

	final Supplier<CompletableFuture<JsonNode>> upstream;

	Versions versions;

	/**
	 * Whether Redis was asked for the versions already (null versions then mean: Redis
	 * failed).
	 */
	boolean versionsRead;

	CachedEntry staleCandidate;

	CacheRead(CacheRequest request, CacheKey key, Supplier<CompletableFuture<JsonNode>> upstream) {
		this.request = request;
		this.key = key;
		this.upstream = upstream;
	}

	/** RFC 9211 {@code fwd}: the client's directives, or a plain miss. */
	String why() {
		return request.control().allowsLookup() ? "miss" : "request";
	}

}
