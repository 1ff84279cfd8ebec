package io.mcpbridge.gateway.submit;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Priority;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.config.GatewayProperties.ToolPolicy;
import io.mcpbridge.gateway.error.BridgeException;

import org.springframework.stereotype.Component;

/**
 * Chooses a request's priority and deadline: the client's {@code X-Priority} /
 * {@code X-Timeout} when given, else the tool's configured default (the seed's table),
 * else MEDIUM and the queue's default timeout.
 */
@Component
public class ToolPolicies {

	private final Map<String, ToolPolicy> byTool;

	private final GatewayProperties.Queue queue;

	ToolPolicies(GatewayProperties properties) {
		this.byTool = properties.tools()
			.stream()
			.collect(Collectors.toUnmodifiableMap(ToolPolicy::name, Function.identity(), (first, second) -> first));
		this.queue = properties.queue();
	}

	public Priority priority(String tool, String requested) {
		if (requested != null && !requested.isBlank()) {
			return Priority.parse(requested)
				.orElseThrow(() -> new BridgeException(ErrorCode.INVALID_REQUEST,
						"X-Priority must be one of CRITICAL, HIGH, MEDIUM, LOW, BULK; got '" + requested + "'"));
		}
		ToolPolicy policy = tool == null ? null : byTool.get(tool);
		return policy == null ? Priority.MEDIUM : policy.priority();
	}

	/**
	 * How long the client waits: {@code X-Timeout} seconds when given (up to the
	 * configured maximum), else the tool's timeout, else the queue's default.
	 */
	public Duration timeout(String tool, String requestedSeconds) {
		if (requestedSeconds != null && !requestedSeconds.isBlank()) {
			return parseTimeout(requestedSeconds);
		}
		ToolPolicy policy = tool == null ? null : byTool.get(tool);
		return policy == null || policy.timeout() == null ? queue.defaultTimeout() : policy.timeout();
	}

	private Duration parseTimeout(String requestedSeconds) {
		double seconds;
		try {
			seconds = Double.parseDouble(requestedSeconds.trim());
		}
		catch (NumberFormatException notANumber) {
			seconds = Double.NaN;
		}
		double max = queue.maxTimeout().toMillis() / 1000.0;
		if (!(seconds > 0 && seconds <= max)) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST,
					"X-Timeout must be a number of seconds in (0, " + max + "]; got '" + requestedSeconds + "'");
		}
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

}
