package io.mcpbridge.gateway.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The body filter in a real Tomcat on a loopback port (its buffers decide what "already
 * arrived" means): a body sent with its headers reaches the handler in the request's own
 * dispatch; one still on its way is received without a thread and handed over in one
 * async dispatch, whole; a body that stops arriving is refused.
 */
class SlowBodyFilterIT {

	private static final UploadLimits LIMITS = new UploadLimits(Duration.ofSeconds(2), DataSize.ofBytes(1),
			Duration.ofSeconds(1), 10);

	@TempDir
	Path baseDir;

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private Tomcat tomcat;

	private int port;

	@BeforeEach
	void start() throws Exception {
		tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		tomcat.setPort(0);
		tomcat.getConnector().setProperty("address", "127.0.0.1");
		Context context = tomcat.addContext("", baseDir.toString());
		Wrapper echo = Tomcat.addServlet(context, "echo", new Echo());
		echo.setAsyncSupported(true);
		context.addServletMappingDecoded("/*", "echo");
		FilterDef filter = new FilterDef();
		filter.setFilterName("slow-body");
		filter.setFilter(new SlowBodyFilter(64 * 1024, LIMITS, Executors.newSingleThreadScheduledExecutor()));
		filter.setAsyncSupported("true");
		context.addFilterDef(filter);
		FilterMap mapping = new FilterMap();
		mapping.setFilterName("slow-body");
		mapping.addURLPattern("/*");
		mapping.setDispatcher("REQUEST");
		mapping.setDispatcher("ASYNC");
		context.addFilterMap(mapping);
		tomcat.start();
		port = tomcat.getConnector().getLocalPort();
	}

	@AfterEach
	void stop() throws Exception {
		tomcat.stop();
		tomcat.destroy();
	}

	@Test
	void aBodySentWithItsHeadersIsHandledInTheRequestsOwnDispatch() throws IOException {
		String body = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}";
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.getOutputStream().write((head(body.length()) + body).getBytes(StandardCharsets.UTF_8));
			assertThat(response(socket)).endsWith("REQUEST " + body);
		}
		assertThat(handled).containsExactly("REQUEST");
	}

	@Test
	void aBodyStillOnItsWayIsHandedOverWholeInOneAsyncDispatch() throws IOException {
		String body = "{\"first\":\"half\",\"second\":\"half\"}";
		int half = body.length() / 2;
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write((head(body.length()) + body.substring(0, half)).getBytes(StandardCharsets.UTF_8));
			out.flush();
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(handled::isEmpty);
			out.write(body.substring(half).getBytes(StandardCharsets.UTF_8));
			assertThat(response(socket)).endsWith("ASYNC " + body);
		}
		assertThat(handled).containsExactly("ASYNC");
	}

	@Test
	void aChunkedBodyIsReceivedWithoutAThreadThenHandled() throws IOException {
		String body = "{\"chunked\":true}";
		String request = "POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length())
				+ "\r\n" + body + "\r\n0\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			assertThat(response(socket)).endsWith("ASYNC " + body);
		}
	}

	@Test
	void aBodyThatStopsArrivingIsRefusedAndNeverHandled() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.getOutputStream().write((head(100) + "{\"only\":").getBytes(StandardCharsets.UTF_8));
			String response = response(socket);
			assertThat(response).startsWith("HTTP/1.1 400").contains("INVALID_REQUEST");
		}
		assertThat(handled).isEmpty();
	}

	private static String head(int contentLength) {
		return "POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Connection: close\r\nContent-Length: " + contentLength + "\r\n\r\n";
	}

	/** The whole response; the server closes the connection after it. */
	private static String response(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		return all.toString(StandardCharsets.UTF_8);
	}

	/** Answers with the dispatch it ran in and the body it read. */
	private final class Echo extends HttpServlet {

		@Override
		protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
			handled.add(request.getDispatcherType().name());
			byte[] body = request.getInputStream().readAllBytes();
			byte[] answer = (request.getDispatcherType().name() + " " + new String(body, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8);
			response.setContentType("text/plain");
			response.setContentLength(answer.length);
			response.getOutputStream().write(answer);
		}

	}

}
