package io.mcpbridge.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for the gateway's REST API, as a script would use it. */
final class BridgeHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	BridgeHttp(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	Response post(String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	/** initialize, returning the new session id. */
	String initialize() {
		Response response = post("/mcp/initialize", "{\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}");
		if (response.status() != 200) {
			throw new AssertionError("initialize failed: " + response);
		}
		return response.json().path("result").path("session_id").asString();
	}

	private static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException failure) {
			throw new IllegalStateException(failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(interrupted);
		}
	}

	record Response(int status, String body) {

		JsonNode json() {
			return BridgeJson.mapper().readTree(body);
		}

		String errorCode() {
			return json().path("error").path("code").asString();
		}
	}
}
