package io.mcpbridge.loadtests.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One REST session of one gateway, as a client keeps it: opened on first use, opened
 * again when the gateway says it is gone (a Redis restart loses every session) or when
 * opening it failed. Calls that arrive while it is being opened share that one
 * initialize.
 */
final class RestSession {

	/** An initialize the gateway refused: its answer is the call's outcome. */
	static final class Refused extends RuntimeException {

		private final int status;

		private final String result;

		Refused(int status, String result) {
			super(result, null, false, false);
			this.status = status;
			this.result = result;
		}

		int status() {
			return this.status;
		}

		String result() {
			return this.result;
		}

	}

	private final HttpClient client;

	private final URI gateway;

	private final Duration timeout;

	private final AtomicReference<CompletableFuture<String>> current = new AtomicReference<>();

	RestSession(HttpClient client, URI gateway, Duration timeout) {
		this.client = client;
		this.gateway = gateway;
		this.timeout = timeout;
	}

	URI gateway() {
		return this.gateway;
	}

	/** The session's id, opening the session first if it has none. */
	CompletableFuture<String> id() {
		CompletableFuture<String> existing = this.current.get();
		if (existing != null) {
			return existing;
		}
		CompletableFuture<String> opening = new CompletableFuture<>();
		if (!this.current.compareAndSet(null, opening)) {
			return this.current.get();
		}
		open().whenComplete((id, failure) -> {
			if (failure != null) {
				// The next call tries again.
				this.current.compareAndSet(opening, null);
				opening.completeExceptionally(failure);
			}
			else {
				opening.complete(id);
			}
		});
		return opening;
	}

	/** The gateway no longer knows this id: the next call opens a new session. */
	void forget(String id) {
		CompletableFuture<String> existing = this.current.get();
		if (existing != null && existing.isDone() && !existing.isCompletedExceptionally()
				&& id.equals(existing.getNow(null))) {
			this.current.compareAndSet(existing, null);
		}
	}

	private CompletableFuture<String> open() {
		HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve("/mcp/initialize"))
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"clientInfo\":{\"name\":\"fault-suite\",\"version\":\"1\"}}"))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
			String id = Answers.sessionId(response.body());
			if (response.statusCode() != 200 || id == null) {
				throw new Refused(response.statusCode(), Answers.resultOf(response.statusCode(), response.body()));
			}
			return id;
		});
	}

}
