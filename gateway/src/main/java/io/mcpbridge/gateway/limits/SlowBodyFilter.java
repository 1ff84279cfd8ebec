package io.mcpbridge.gateway.limits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mcpbridge.common.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Receives a request body without holding a request thread, within a deadline and above a
 * minimum rate, before any handler runs. A blocking read holds its thread for as long as
 * the client takes: a few hundred clients sending their bodies a byte at a time held
 * every request thread, and nothing (not even {@code /health}) answered. Here the body is
 * read with non-blocking I/O (a {@link ReadListener}) into a buffer of at most the body
 * limit plus one byte; once it is complete the request is dispatched again with that
 * buffer as its body. A body that is late ({@link UploadLimits#timeout()}) or too slow
 * ({@link UploadLimits#minRate()} after {@link UploadLimits#grace()}) is answered 400
 * INVALID_REQUEST and its connection closed.
 *
 * <p>
 * Most bodies have already arrived with their headers: a body with a Content-Length that
 * Tomcat's buffer holds whole is taken from it without blocking and the request goes on
 * in the same dispatch, so a normal call costs no extra async dispatch. Only a body still
 * on its way is received as above, starting from what had arrived.
 *
 * <p>
 * Requests without a body (no Content-Length, or 0, and not chunked) pass untouched, and
 * so do bodies declared larger than the limit (the handlers refuse them, 413, without
 * reading them).
 */
class SlowBodyFilter implements Filter {

	private static final String BODY = SlowBodyFilter.class.getName() + ".body";

	private final int maxBodyBytes;

	private final UploadLimits limits;

	private final ScheduledExecutorService timer;

	private final Semaphore readers;

	SlowBodyFilter(int maxBodyBytes, UploadLimits limits, ScheduledExecutorService timer) {
		this.maxBodyBytes = maxBodyBytes;
		this.limits = limits;
		this.timer = timer;
		this.readers = new Semaphore(limits.maxReaders());
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
			request.removeAttribute(BODY);
			chain.doFilter(new BufferedBody(request, body), res);
			return;
		}
		if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)
				|| request.getContentLengthLong() > maxBodyBytes || !request.isAsyncSupported()) {
			chain.doFilter(req, res);
			return;
		}
		byte[] arrived = ArrivedBody.take(request, maxBodyBytes);
		if (arrived.length == request.getContentLengthLong()) {
			chain.doFilter(new BufferedBody(request, arrived), res);
			return;
		}
		if (!readers.tryAcquire()) {
			refuse(request, (HttpServletResponse) res, ErrorCode.OVERLOADED, 503,
					"too many request bodies are being received; retry later");
			return;
		}
		AsyncContext async = request.startAsync();
		async.setTimeout(limits.timeout().toMillis() + 5_000);
		new Receiver(request, (HttpServletResponse) res, async, arrived).start();
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, int status,
			String message) throws IOException {
		byte[] body = ErrorPages.body(request.getRequestURI(), code, message);
		response.setStatus(status);
		response.setHeader("Connection", "close");
		response.setContentType("application/json");
		response.setContentLength(body.length);
		ErrorPages.write(response.getOutputStream(), body);
	}

	/** One body being received. */
	private final class Receiver implements ReadListener {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final AsyncContext async;

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		private final byte[] chunk = new byte[8192];

		private final AtomicBoolean done = new AtomicBoolean();

		private final long startNanos = System.nanoTime();

		private volatile long received;

		private ScheduledFuture<?> check;

		private ServletInputStream in;

		/**
		 * @param arrived the start of the body, already taken from Tomcat's buffer
		 */
		Receiver(HttpServletRequest request, HttpServletResponse response, AsyncContext async, byte[] arrived) {
			this.request = request;
			this.response = response;
			this.async = async;
			this.buffer.writeBytes(arrived);
			this.received = arrived.length;
		}

		void start() throws IOException {
			in = request.getInputStream();
			check = timer.scheduleAtFixedRate(this::checkPace, 500, 500, TimeUnit.MILLISECONDS);
			in.setReadListener(this);
		}

		@Override
		public void onDataAvailable() throws IOException {
			while (!done.get() && in.isReady()) {
				int read = in.read(chunk);
				if (read < 0) {
					return;
				}
				int room = maxBodyBytes + 1 - buffer.size();
				buffer.write(chunk, 0, Math.min(read, Math.max(room, 0)));
				received += read;
				if (buffer.size() > maxBodyBytes) {
					// Over the limit: the handler answers 413 from what it has.
					finish();
					return;
				}
			}
		}

		@Override
		public void onAllDataRead() {
			finish();
		}

		@Override
		public void onError(Throwable failure) {
			if (end()) {
				async.complete();
			}
		}

		private void finish() {
			if (end()) {
				request.setAttribute(BODY, buffer.toByteArray());
				async.dispatch();
			}
		}

		private void checkPace() {
			long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
			boolean late = elapsedMs > limits.timeout().toMillis();
			boolean slow = elapsedMs > limits.grace().toMillis()
					&& received * 1000 < limits.minRate().toBytes() * elapsedMs;
			if ((late || slow) && end()) {
				try {
					refuse(request, response, ErrorCode.INVALID_REQUEST, 400, late
							? "the request body did not arrive within " + limits.timeout().toSeconds() + " s"
							: "the request body arrived slower than " + limits.minRate().toBytes() + " bytes/s");
				}
				catch (IOException | IllegalStateException gone) {
					// The client is gone: nothing to answer.
				}
				finally {
					async.complete();
				}
			}
		}

		/** Ends the reception once (first of: complete, error, late, slow). */
		private boolean end() {
			if (!done.compareAndSet(false, true)) {
				return false;
			}
			if (check != null) {
				check.cancel(false);
			}
			readers.release();
			return true;
		}

	}

	/** The request, its body read from the buffer the filter received. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] target, int offset, int length) {
					return bytes.read(target, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("the body was already received");
				}
			};
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

	}

}
