package io.mcpbridge.gateway.reply;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.mcpbridge.common.CallEvent;

import org.springframework.stereotype.Component;

/**
 * The events workers push on this gateway's event channel, handed to whoever follows
 * their request here. Bounded like what follows them: a tap exists only while its request
 * is pending here ({@code queue.max-pending}) or followed by a stream
 * ({@code mcp.max-streams}).
 */
@Component
class EventPushes {

	private final Map<String, List<Tap>> taps = new ConcurrentHashMap<>();

	/** A tap on one request's pushed events; it delivers nowhere until told where. */
	Tap tap(String requestId, String tenant) {
		Tap tap = new Tap(requestId, tenant);
		taps.compute(requestId, (id, list) -> {
			List<Tap> all = list == null ? new CopyOnWriteArrayList<>() : list;
			all.add(tap);
			return all;
		});
		return tap;
	}

	void deliver(CallEvent event) {
		List<Tap> listening = taps.get(event.requestId());
		if (listening != null) {
			listening.stream().filter(tap -> tap.tenant.equals(event.tenant())).forEach(tap -> tap.accept(event));
		}
	}

	/** Requests whose events someone here follows. */
	int size() {
		return taps.size();
	}

	private void remove(Tap tap) {
		taps.computeIfPresent(tap.requestId, (id, list) -> {
			list.remove(tap);
			return list.isEmpty() ? null : list;
		});
	}

	/** One follower's subscription to a request's pushed events. */
	final class Tap implements RequestFollower.EventTap {

		private final String requestId;

		private final String tenant;

		private volatile Consumer<CallEvent> target;

		private Tap(String requestId, String tenant) {
			this.requestId = requestId;
			this.tenant = tenant;
		}

		@Override
		public void deliverTo(Consumer<CallEvent> target) {
			this.target = target;
		}

		private void accept(CallEvent event) {
			Consumer<CallEvent> to = target;
			if (to != null) {
				to.accept(event);
			}
		}

		@Override
		public void close() {
			remove(this);
		}

	}

}
