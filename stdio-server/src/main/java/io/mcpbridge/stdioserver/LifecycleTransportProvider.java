package io.mcpbridge.stdioserver;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * Delegates to the SDK's stdio transport provider and reports when its session transport
 * closes.
 *
 * <p>
 * Why not just wait for end-of-file on stdin: the SDK transport also stops reading after
 * a line it cannot parse, while stdin stays open. Waiting for the transport itself lets
 * the process exit in both cases instead of hanging.
 */
public final class LifecycleTransportProvider implements McpServerTransportProvider {

	private final McpServerTransportProvider delegate;

	private final CountDownLatch closed = new CountDownLatch(1);

	public LifecycleTransportProvider(McpServerTransportProvider delegate) {
		this.delegate = delegate;
	}

	/** Blocks until the session transport has closed. */
	public void awaitClosed() throws InterruptedException {
		this.closed.await();
	}

	@Override
	public void setSessionFactory(McpServerSession.Factory sessionFactory) {
		this.delegate.setSessionFactory(transport -> sessionFactory.create(new Watched(transport)));
	}

	@Override
	public Mono<Void> notifyClients(String method, Object params) {
		return this.delegate.notifyClients(method, params);
	}

	@Override
	public Mono<Void> notifyClient(String sessionId, String method, Object params) {
		return this.delegate.notifyClient(sessionId, method, params);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully();
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

	private final class Watched implements McpServerTransport {

		private final McpServerTransport transport;

		Watched(McpServerTransport transport) {
			this.transport = transport;
		}

		@Override
		public void close() {
			this.transport.close();
			LifecycleTransportProvider.this.closed.countDown();
		}

		@Override
		public Mono<Void> closeGracefully() {
			return this.transport.closeGracefully()
				.doFinally(signal -> LifecycleTransportProvider.this.closed.countDown());
		}

		/**
		 * One message at a time. The SDK's stdio transport emits into a sink that rejects
		 * a concurrent emission after busy-looping for 100 ms; the response is then
		 * dropped and its client waits until its timeout. Concurrent tool calls on a
		 * loaded machine hit that (seen in home-sim with --state-file under contention),
		 * and so do notifications or server-to-client requests sent while another
		 * response is written, so the emission, which happens synchronously on subscribe
		 * once the transport is ready, runs under this monitor instead.
		 */
		@Override
		public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
			return Mono.create(sink -> {
				synchronized (this) {
					this.transport.sendMessage(message).subscribe(null, sink::error, sink::success);
				}
			});
		}

		@Override
		public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
			return this.transport.unmarshalFrom(data, typeRef);
		}

		@Override
		public List<String> protocolVersions() {
			return this.transport.protocolVersions();
		}

	}

}
