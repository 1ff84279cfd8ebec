package io.mcpbridge.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for one gateway's REST API, as a script would use it. */
public final class BridgeHttp {

	/**
	 * One client for every test: each HttpClient owns a selector thread and a connection
	 * pool.
	 */
	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public BridgeHttp(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public Response post(String path, String body, String... headers) {
		return send(postRequest(path, body, headers));
	}

	/** The same POST, sent without waiting for its response. */
	public CompletableFuture<Response> postLater(String path, String body, String... headers) {
		return CLIENT.sendAsync(postRequest(path, body, headers), HttpResponse.BodyHandlers.ofString())
			.thenApply(Response::of);
	}

	public Response get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.GET().build());
	}

	public Response delete(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.DELETE().build());
	}

	/** initialize, returning the new session id. */
	public String initialize() {
		Response response = post("/mcp/initialize", "{\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}");
		if (response.status() != 200) {
			throw new AssertionError("initialize failed: " + response);
		}
		return response.json().path("result").path("session_id").asString();
	}

	private HttpRequest postRequest(String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(90))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request.build();
	}

	private static Response send(HttpRequest request) {
		try {
			return Response.of(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException failure) {
			throw new IllegalStateException(failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(interrupted);
		}
	}

	public record Response(int status, String body, HttpHeaders headers) {

		static Response of(HttpResponse<String> response) {
			return new Response(response.statusCode(), response.body(), response.headers());
		}

		public JsonNode json() {
			return BridgeJson.mapper().readTree(body);
		}

		public String errorCode() {
			return json().path("error").path("code").asString();
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return status + " " + body;
		}
	}

}
