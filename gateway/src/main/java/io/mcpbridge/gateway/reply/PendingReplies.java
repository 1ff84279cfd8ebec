package io.mcpbridge.gateway.reply;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The requests this gateway instance waits on, by request id. A request is registered
 * before it is produced and removed when its reply arrives, when producing fails, or at
 * its deadline. The map is bounded by {@code bridge.queue.max-pending}; past it new
 * requests are refused with OVERLOADED.
 */
@Component
public class PendingReplies implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PendingReplies.class);

	private final ConcurrentHashMap<String, Waiter> waiting = new ConcurrentHashMap<>();

	private final int maxPending;

	public PendingReplies(GatewayProperties properties) {
		this.maxPending = properties.queue().maxPending();
	}

	/**
	 * Registers a waiter for a request.
	 * @return the registration; {@link Registration#isNew()} is false when the same
	 * request id is already pending here, in which case the caller joins it instead of
	 * producing it again
	 */
	public Registration register(String requestId, String tenant) {
		Waiter existing = waiting.get(requestId);
		if (existing != null && existing.tenant().equals(tenant)) {
			return new Registration(existing.reply(), false);
		}
		if (waiting.mappingCount() >= maxPending) {
			throw new BridgeException(ErrorCode.OVERLOADED,
					"this gateway already waits on " + maxPending + " requests; retry later");
		}
		Waiter fresh = new Waiter(tenant, new CompletableFuture<>());
		Waiter raced = waiting.putIfAbsent(requestId, fresh);
		if (raced != null) {
			if (!raced.tenant().equals(tenant)) {
				throw new BridgeException(ErrorCode.IDEMPOTENCY_CONFLICT, "request id is in use", requestId);
			}
			return new Registration(raced.reply(), false);
		}
		return new Registration(fresh.reply(), true);
	}

	/**
	 * Completes the waiter of a reply; a reply nobody waits for any more is logged and
	 * dropped.
	 */
	public void complete(ReplyEnvelope reply) {
		Waiter waiter = waiting.get(reply.requestId());
		if (waiter == null || !waiter.tenant().equals(reply.tenant())) {
			log.debug("dropping reply for {} that nobody here waits for (late or foreign)", reply.requestId());
			return;
		}
		if (waiting.remove(reply.requestId(), waiter)) {
			waiter.reply().complete(reply);
		}
	}

	/** Fails the waiter of a request, e.g. because producing it failed. */
	public void fail(String requestId, BridgeException failure) {
		Waiter waiter = waiting.remove(requestId);
		if (waiter != null) {
			waiter.reply().completeExceptionally(failure);
		}
	}

	/** Forgets a request whose deadline passed. */
	public void remove(String requestId) {
		waiting.remove(requestId);
	}

	/**
	 * The reply that will be pushed here for a request this gateway waits on (a copy),
	 * for another follower of the same request.
	 */
	Optional<CompletableFuture<ReplyEnvelope>> pushed(String requestId, String tenant) {
		Waiter waiter = waiting.get(requestId);
		return waiter != null && waiter.tenant().equals(tenant) ? Optional.of(waiter.reply().copy()) : Optional.empty();
	}

	/** Whether a waiter for this request is still registered here. */
	public boolean isWaiting(String requestId) {
		return waiting.containsKey(requestId);
	}

	public int size() {
		return waiting.size();
	}

	/** Fails every waiter so that no client hangs on a gateway that is going away. */
	@Override
	public void destroy() {
		BridgeException stopping = new BridgeException(ErrorCode.QUEUE_UNAVAILABLE, "gateway is shutting down");
		waiting.keySet().forEach(requestId -> fail(requestId, stopping));
	}

	public record Registration(CompletableFuture<ReplyEnvelope> reply, boolean isNew) {
	}

	private record Waiter(String tenant, CompletableFuture<ReplyEnvelope> reply) {
	}

}
