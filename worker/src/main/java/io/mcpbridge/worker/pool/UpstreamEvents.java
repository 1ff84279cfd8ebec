package io.mcpbridge.worker.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Notifications a child sends outside any call, e.g.
 * {@code notifications/tools/list_changed}, passed on to whoever registered for them (the
 * tools cache invalidates on it).
 */
public final class UpstreamEvents {

	private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * @param listener receives the upstream's name and the notification's method
	 */
	public void subscribe(BiConsumer<String, String> listener) {
		listeners.add(listener);
	}

	void notification(String upstream, String method) {
		listeners.forEach(listener -> listener.accept(upstream, method));
	}

}
