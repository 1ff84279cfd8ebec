package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's REST API: one session per simulated client, then
 * {@code POST /mcp/tools/call}, shaped by a {@link Workload}.
 */
final class RestTarget implements CallTarget {

	/** What each call asks, and therefore what the gateway may share between calls. */
	enum Workload {

		/**
		 * home-sim's get_entity_state of the entity the runner names, with
		 * {@code no-cache}: never answered from the cache, but two clients reading the
		 * same entity at once share one upstream call (the cache's fill lock), and the
		 * worker runs one call per entity at a time.
		 */
		ENTITY_READS,

		/**
		 * One climate listing per call with {@code no-store}: nothing is looked up,
		 * locked or stored, so no call is shared with another; the arguments name no
		 * entity, so the entity key is the client's own session and the workers'
		 * per-entity order limits nothing but one client. Every call reaches an upstream
		 * process: the scaling run's workers really work (its first version shared calls
		 * on 34 entities).
		 */
		UNSHARED

	}

	private static final Pattern SESSION_ID = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");

	static final Pattern NOT_AN_ERROR = Pattern.compile("\"isError\"\\s*:\\s*false");

	private static final Pattern DEGRADED = Pattern.compile("\"degraded\"\\s*:\\s*true");

	private final URI base;

	private final Workload workload;

	private final ProcessSet processes;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	RestTarget(URI base, Workload workload, ProcessSet processes) {
		this.base = base;
		this.workload = workload;
		this.processes = processes;
	}

	@Override
	public String name() {
		return "rest";
	}

	@Override
	public Caller newCaller() throws IOException, InterruptedException {
		HttpResponse<String> init = client.send(post("/mcp/initialize", "{}").build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher id = SESSION_ID.matcher(init.body());
		if (init.statusCode() != 200 || !id.find()) {
			throw new IOException("initialize answered " + init.statusCode() + ": " + init.body());
		}
		String session = id.group(1);
		return entityId -> {
			HttpRequest request = post("/mcp/tools/call", body(entityId)).header("X-Session-ID", session)
				.header("X-Cache-Control", workload == Workload.UNSHARED ? "no-store" : "no-cache")
				.build();
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !NOT_AN_ERROR.matcher(response.body()).find()) {
				throw new IOException(
						"tools/call answered " + response.statusCode() + ": " + abbreviate(response.body()));
			}
			if (workload == Workload.UNSHARED) {
				requireOwnCall(response);
			}
		};
	}

	/**
	 * Without the cache, the call reaches the upstream through Kafka and a worker; the
	 * bench measures that path.
	 */
	private String body(String entityId) {
		return workload == Workload.UNSHARED ? "{\"name\":\"get_entities\",\"arguments\":{\"domain\":\"climate\"}}"
				: "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"" + entityId + "\"}}";
	}

	/**
	 * A call answered from the cache, by another call's upstream result, or by a fallback
	 * is not one the workers ran: counted as an error, so that it cannot inflate calls/s.
	 */
	static void requireOwnCall(HttpResponse<String> response) throws IOException {
		String cacheStatus = response.headers().firstValue("Cache-Status").orElse("");
		if (cacheStatus.contains("collapsed") || cacheStatus.contains("; hit")
				|| DEGRADED.matcher(response.body()).find()) {
			throw new IOException("tools/call was not run for this call (Cache-Status: " + cacheStatus + "): "
					+ abbreviate(response.body()));
		}
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(base.resolve(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "...";
	}

	@Override
	public ProcessSet processes() {
		return processes;
	}

	@Override
	public void close() {
		// HttpClient has no close() on Java 17; its connections end with the process.
	}

}
