package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.common.BridgeJson;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disconnect check of a pending request: keep-alive comments on an SSE stream,
 * stopped with the exchange.
 */
class McpExchangeHeartbeatTest {

	private final AtomicInteger clientsGone = new AtomicInteger();

	private final CompletableFuture<Void> heartbeat = new CompletableFuture<>();

	@Test
	void beatsTurnThePendingAnswerIntoAStreamOfKeepAlivesThatTheAnswerEnds() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		McpExchange exchange = exchange(response);
		exchange.heartbeatWith(heartbeat);

		exchange.beat();
		exchange.beat();
		exchange.finish(answer());

		assertThat(response.getContentType()).startsWith("text/event-stream");
		assertThat(response.getHeader("X-Accel-Buffering")).isEqualTo("no");
		assertThat(response.getContentAsString()).isEqualTo("id: r1.0\ndata: \n\n: keep-alive\n\n: keep-alive\n\n"
				+ "id: r1.end\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}\n\n");
		assertThat(heartbeat).isCancelled();
		assertThat(clientsGone).hasValue(0);
	}

	@Test
	void aBeatThatCannotBeWrittenIsTheClientGoingAway() {
		MockHttpServletResponse response = new MockHttpServletResponse() {
			@Override
			public ServletOutputStream getOutputStream() {
				return new BrokenPipe();
			}
		};
		McpExchange exchange = exchange(response);
		exchange.heartbeatWith(heartbeat);

		exchange.beat();
		exchange.beat();

		assertThat(clientsGone).hasValue(1);
		assertThat(heartbeat).isCancelled();
	}

	@Test
	void aHeartbeatGivenAfterTheAnswerIsStoppedAtOnceAndNothingMoreIsWritten() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		McpExchange exchange = exchange(response);
		exchange.finish(answer());

		exchange.heartbeatWith(heartbeat);
		exchange.beat();

		assertThat(heartbeat).isCancelled();
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getContentAsString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
	}

	private McpExchange exchange(MockHttpServletResponse response) {
		MockAsyncContext async = new MockAsyncContext(new MockHttpServletRequest(), response);
		return new McpExchange(async, "r1", Map.of(), 60_000,
				new NoEventsContext(clientsGone::incrementAndGet, (message, sequence) -> false), answer());
	}

	private static JsonNode answer() {
		return BridgeJson.mapper().readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
	}

	/** The output of a client that closed its connection. */
	private static final class BrokenPipe extends ServletOutputStream {

		@Override
		public void write(int b) throws IOException {
			throw new IOException("Broken pipe");
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

	}

}
