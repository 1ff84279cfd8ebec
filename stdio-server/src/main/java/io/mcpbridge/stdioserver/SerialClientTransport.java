package io.mcpbridge.stdioserver;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * The client side of {@link LifecycleTransportProvider}'s guard, for code that drives a
 * stdio server with the SDK client: sends one message at a time. The SDK's
 * StdioClientTransport emits into a sink that rejects a concurrent emission after
 * busy-looping 100 ms ("Failed to enqueue message"): threads sharing one client on a
 * loaded machine hit it, and so does a client answering a server-to-client request
 * (sampling, elicitation) while it sends another.
 */
public final class SerialClientTransport implements McpClientTransport {

	private final McpClientTransport delegate;

	public SerialClientTransport(McpClientTransport delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
		return Mono.create(sink -> {
			synchronized (this) {
				this.delegate.sendMessage(message).subscribe(null, sink::error, sink::success);
			}
		});
	}

	@Override
	public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
		return this.delegate.connect(handler);
	}

	@Override
	public void setExceptionHandler(Consumer<Throwable> handler) {
		this.delegate.setExceptionHandler(handler);
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
	public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
		return this.delegate.unmarshalFrom(data, typeRef);
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

}
