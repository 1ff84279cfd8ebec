package io.mcpbridge.loadtests.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends calls at a fixed rate (open model: a slow or missing answer never delays the next
 * call), rotating over the gateways and their sessions, and records each call's
 * {@link Outcome}. Every call has an HTTP timeout of its {@code X-Timeout} plus a margin,
 * so the calls in flight are bounded by rate x that time.
 */
final class SteadyClient implements AutoCloseable {

	/**
	 * Beyond the call's own deadline: the gateway answers a timeout at the deadline, so
	 * nothing after this is an answer still on its way.
	 */
	static final Duration ANSWER_MARGIN = Duration.ofSeconds(20);

	private final Traffic traffic;

	private final List<RestSession> sessions = new ArrayList<>();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int rate;

	private final int callTimeoutSeconds;

	private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong sent = new AtomicLong();

	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "fault-suite-sender");
		thread.setDaemon(true);
		return thread;
	});

	SteadyClient(List<URI> gateways, int sessionsPerGateway, Traffic traffic, int rate, int callTimeoutSeconds) {
		this.traffic = traffic;
		this.rate = rate;
		this.callTimeoutSeconds = callTimeoutSeconds;
		Duration httpTimeout = Duration.ofSeconds(callTimeoutSeconds).plus(ANSWER_MARGIN);
		for (int i = 0; i < sessionsPerGateway; i++) {
			for (URI gateway : gateways) {
				this.sessions.add(new RestSession(this.client, gateway, httpTimeout));
			}
		}
	}

	void start() {
		this.sender.scheduleAtFixedRate(this::sendOne, 0, 1_000_000_000L / this.rate, TimeUnit.NANOSECONDS);
	}

	/** Stops sending; calls in flight still get their answers. */
	void stopSending() {
		this.sender.shutdownNow();
	}

	/** Waits for the answers of the calls in flight, at most {@code max}. */
	boolean awaitAnswers(Duration max) throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(100);
		}
		return this.inFlight.get() == 0;
	}

	/** The outcomes so far (calls in flight are not in it yet). */
	List<Outcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

	int inFlight() {
		return this.inFlight.get();
	}

	private void sendOne() {
		Traffic.Call call = this.traffic.next();
		RestSession session = this.sessions.get((int) (this.sent.getAndIncrement() % this.sessions.size()));
		long sentMs = System.currentTimeMillis();
		this.inFlight.incrementAndGet();
		session.id()
			.thenCompose(id -> send(session, id, call))
			.handle((answer, failure) -> record(session, call, sentMs, answer, failure));
	}

	private CompletableFuture<Answer> send(RestSession session, String sessionId, Traffic.Call call) {
		HttpRequest request = HttpRequest.newBuilder(session.gateway().resolve("/mcp/tools/call"))
			.timeout(Duration.ofSeconds(this.callTimeoutSeconds).plus(ANSWER_MARGIN))
			.header("Content-Type", "application/json")
			.header("X-Session-ID", sessionId)
			.header("X-Timeout", Integer.toString(this.callTimeoutSeconds))
			.POST(HttpRequest.BodyPublishers.ofString(call.body()))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.thenApply(response -> new Answer(sessionId, response.statusCode(),
					Answers.resultOf(response.statusCode(), response.body())));
	}

	private Void record(RestSession session, Traffic.Call call, long sentMs, Answer answer, Throwable failure) {
		try {
			long now = System.currentTimeMillis();
			Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
					: failure;
			Outcome outcome;
			if (answer != null) {
				if ("SESSION_NOT_FOUND".equals(answer.result())) {
					session.forget(answer.sessionId());
				}
				outcome = new Outcome(call.requestId(), call.tool(), call.write(), sentMs, now, answer.status(),
						answer.result());
			}
			else if (cause instanceof RestSession.Refused refused) {
				// Opening the session was refused: that answer is the call's outcome.
				outcome = new Outcome(call.requestId(), call.tool(), call.write(), sentMs, now, refused.status(),
						refused.result());
			}
			else {
				outcome = new Outcome(call.requestId(), call.tool(), call.write(), sentMs, -1, 0, Outcome.NO_ANSWER);
			}
			this.outcomes.add(outcome);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
		return null;
	}

	@Override
	public void close() {
		this.sender.shutdownNow();
	}

	private record Answer(String sessionId, int status, String result) {
	}

}
