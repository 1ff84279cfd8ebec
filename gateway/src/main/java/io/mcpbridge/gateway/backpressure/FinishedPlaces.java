package io.mcpbridge.gateway.backpressure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The places of finished requests not yet removed from their tenants' sets, by tenant.
 * Taken by the tenant's next admission (at most {@link #MAX_CARRIED} at a time), else
 * removed by a sweep every {@code delay}. Bounded: past {@code maxHeld} places the sweep
 * runs at once; one queue per tenant (tenants are a bounded, configured set).
 */
final class FinishedPlaces implements AutoCloseable {

	/** The most places one admission carries (arguments of one script call). */
	static final int MAX_CARRIED = 256;

	private final Map<String, ConcurrentLinkedQueue<String>> byTenant = new ConcurrentHashMap<>();

	private final AtomicInteger held = new AtomicInteger();

	private final ScheduledExecutorService sweeper = Executors
		.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("inflight-release-"));

	private final int maxHeld;

	private final BiConsumer<String, List<String>> remove;

	/**
	 * @param remove removes a tenant's places in one command
	 */
	FinishedPlaces(Duration delay, int maxHeld, BiConsumer<String, List<String>> remove) {
		this.maxHeld = maxHeld;
		this.remove = remove;
		long delayMs = Math.max(1, delay.toMillis());
		sweeper.scheduleWithFixedDelay(this::sweep, delayMs, delayMs, TimeUnit.MILLISECONDS);
	}

	void add(String tenant, String member) {
		byTenant.computeIfAbsent(tenant, key -> new ConcurrentLinkedQueue<>()).add(member);
		if (held.incrementAndGet() > maxHeld) {
			sweeper.execute(this::sweep);
		}
	}

	/** Up to {@link #MAX_CARRIED} of the tenant's places, now the caller's to remove. */
	List<String> take(String tenant) {
		ConcurrentLinkedQueue<String> queue = byTenant.get(tenant);
		if (queue == null) {
			return List.of();
		}
		List<String> taken = new ArrayList<>();
		String member;
		while (taken.size() < MAX_CARRIED && (member = queue.poll()) != null) {
			taken.add(member);
		}
		held.addAndGet(-taken.size());
		return taken;
	}

	/** Places the caller could not remove (Redis failed): the sweep tries again. */
	void giveBack(String tenant, List<String> members) {
		members.forEach(member -> add(tenant, member));
	}

	int held() {
		return held.get();
	}

	private void sweep() {
		for (String tenant : byTenant.keySet()) {
			List<String> taken;
			while (!(taken = take(tenant)).isEmpty()) {
				remove.accept(tenant, taken);
			}
		}
	}

	@Override
	public void close() {
		sweeper.shutdown();
		sweep();
	}

}
