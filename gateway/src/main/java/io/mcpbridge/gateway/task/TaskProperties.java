package io.mcpbridge.gateway.task;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * MCP tasks served by the gateways ({@code bridge.tasks}): task-augmented
 * {@code tools/call} requests queued like asynchronous REST requests, their state in
 * Redis so that any replica answers {@code tasks/get}, {@code tasks/result},
 * {@code tasks/list} and {@code tasks/cancel}.
 *
 * @param enabled announce and serve tasks (false: the {@code task} param is ignored and
 * the call answers synchronously, as the specification allows a receiver without the
 * capability)
 * @param defaultTtl how long a task is kept (with its result) when the client asks for no
 * TTL
 * @param maxTtl the longest TTL granted; a longer request is cut to it
 * @param maxLivePerTenant tasks one tenant may hold at once (every task counts until its
 * TTL ends, since its result is kept that long); past it, 429 RATE_LIMITED
 * @param pollInterval the polling interval suggested to clients
 * @param resultWait how long one {@code tasks/result} waits for a task still working
 * before it answers a timeout error (the client asks again)
 * @param defaultSupport the {@code execution.taskSupport} of a tool {@code tools} does
 * not name: {@code optional} (any tool may run as a task) or {@code forbidden}
 * @param tools per-tool {@code execution.taskSupport}: {@code forbidden},
 * {@code optional} or {@code required}; in the 2026-07-28 era, the tools named
 * {@code optional} or {@code required} here are the ones whose calls the bridge runs as
 * tasks (for clients that accept the tasks extension)
 */
@Validated
@ConfigurationProperties(TaskProperties.PREFIX)
public record TaskProperties(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("10m") Duration defaultTtl,
		@NotNull @DefaultValue("1h") Duration maxTtl, @Min(1) @DefaultValue("1000") int maxLivePerTenant,
		@NotNull @DefaultValue("1s") Duration pollInterval, @NotNull @DefaultValue("60s") Duration resultWait,
		@DefaultValue("optional") String defaultSupport, Map<String, String> tools) {

	public static final String PREFIX = "bridge.tasks";

	public TaskProperties {
		tools = tools == null ? Map.of() : Map.copyOf(tools);
		TaskSupport.parse(defaultSupport);
		tools.values().forEach(TaskSupport::parse);
		if (defaultTtl.compareTo(maxTtl) > 0 || defaultTtl.isNegative() || defaultTtl.isZero()) {
			throw new IllegalArgumentException("bridge.tasks.default-ttl (" + defaultTtl
					+ ") must be positive and at most max-ttl (" + maxTtl + ")");
		}
	}

	/** The TTL granted for the one a client asked (null: none asked). */
	public long grantedTtlMs(Long requestedMs) {
		if (requestedMs == null || requestedMs <= 0) {
			return defaultTtl.toMillis();
		}
		return Math.min(requestedMs, maxTtl.toMillis());
	}

	/**
	 * Whether the bridge runs a call of this tool as a task when the client accepts the
	 * 2026-07-28 tasks extension, where the server decides: only the tools {@code tools}
	 * names {@code optional} or {@code required} ({@code default-support} is what a
	 * 2025-11-25 client may ask for, not what the bridge imposes).
	 */
	public boolean directs(String tool) {
		return enabled && tools.containsKey(tool) && support(tool) != TaskSupport.FORBIDDEN;
	}

	/** The task support of one tool, as announced in tools/list. */
	public TaskSupport support(String tool) {
		return TaskSupport.parse(tools.getOrDefault(tool, defaultSupport));
	}

}
