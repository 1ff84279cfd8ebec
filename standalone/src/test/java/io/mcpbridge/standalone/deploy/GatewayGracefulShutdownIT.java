package io.mcpbridge.standalone.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway told to stop (what its SIGTERM hook does) while it holds a request: it stops
 * accepting connections at once, and the request it holds still gets its reply as soon as
 * the worker answers, through the Redis subscription that outlives the web server, not at
 * its deadline.
 */
class GatewayGracefulShutdownIT {

	private static final int HOME_LATENCY_MS = 3000;

	@Test
	void aStoppingGatewayRefusesNewConnectionsAndAnswersTheRequestItHolds() throws Exception {
		StandaloneStack stack = StandaloneStack.start(new StandaloneOptions(0, 0, 6379, HOME_LATENCY_MS, 1, 1, 4));
		CompletableFuture<Void> closing = null;
		try {
			int port = stack.gatewayPort();
			BridgeHttp http = new BridgeHttp(port);
			String session = http.initialize();
			long sent = System.nanoTime();
			CompletableFuture<Response> held = http.postLater("/mcp/tools/call",
					"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"turn_on\","
							+ "\"entity_id\":\"light.living_room\"}}",
					"X-Session-ID", session, "X-Timeout", "25");
			await().atMost(Duration.ofSeconds(30)).until(() -> stack.upstreamStatus().get("home").busy() == 1);

			closing = CompletableFuture.runAsync(stack::close);

			await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));
			Response response = held.get(25, TimeUnit.SECONDS);
			long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.json().path("result").path("isError").asBoolean()).isFalse();
			assertThat(elapsedMs).as("answered when the worker replied, not at the 25 s deadline").isLessThan(15_000);
			closing.get(60, TimeUnit.SECONDS);
		}
		finally {
			if (closing == null) {
				stack.close();
			}
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

}
