package io.mcpbridge.gateway.mcp;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * What the endpoint does when an async request ends: by timeout, by error (a client
 * gone), or completed.
 */
final class AsyncEnd implements AsyncListener {

	private final Runnable onTimeout;

	private final Runnable onError;

	private final Runnable onComplete;

	AsyncEnd(Runnable onTimeout, Runnable onError) {
		this(onTimeout, onError, () -> {
		});
	}

	AsyncEnd(Runnable onTimeout, Runnable onError, Runnable onComplete) {
		this.onTimeout = onTimeout;
		this.onError = onError;
		this.onComplete = onComplete;
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		onTimeout.run();
	}

	@Override
	public void onError(AsyncEvent event) {
		onError.run();
	}

	@Override
	public void onComplete(AsyncEvent event) {
		onComplete.run();
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

}
