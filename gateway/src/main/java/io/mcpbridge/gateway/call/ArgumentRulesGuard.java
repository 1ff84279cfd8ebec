package io.mcpbridge.gateway.call;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Refuses a tool call whose arguments break its upstream's rules
 * ({@link ArgumentRulesProperties}) with 400 INVALID_REQUEST, before anything is read
 * from the cache or queued. Runs after the guards that decide who may call (its order is
 * late), and costs one regular-expression match per ruled argument.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ArgumentRulesGuard implements CallGuard {

	/** Longer values are refused without matching them. */
	static final int MAX_RULED_LENGTH = 256;

	private final Map<String, Pattern> defaults;

	private final Map<String, Map<String, Pattern>> perUpstream = new HashMap<>();

	ArgumentRulesGuard(ArgumentRulesProperties properties) {
		this.defaults = compile("bridge.argument-rules", properties.argumentRules());
		for (ArgumentRulesProperties.UpstreamRules upstream : properties.upstreams()) {
			if (upstream.name() != null && upstream.argumentRules() != null) {
				perUpstream.put(upstream.name(),
						compile("bridge.upstreams[" + upstream.name() + "].argument-rules", upstream.argumentRules()));
			}
		}
	}

	@Override
	public void check(CallContext context, RequestEnvelope request) {
		if (!Methods.TOOLS_CALL.equals(request.method()) || request.arguments() == null) {
			return;
		}
		rulesOf(request.upstream()).forEach((name, pattern) -> {
			JsonNode value = request.arguments().get(name);
			if (value == null) {
				return;
			}
			if (!value.isString() || value.asString().length() > MAX_RULED_LENGTH
					|| !pattern.matcher(value.asString()).matches()) {
				throw new BridgeException(ErrorCode.INVALID_REQUEST,
						"argument '" + name + "' must be a string matching " + pattern.pattern());
			}
		});
	}

	Map<String, Pattern> rulesOf(String upstream) {
		return perUpstream.getOrDefault(upstream, defaults);
	}

	private static Map<String, Pattern> compile(String where, Map<String, String> rules) {
		Map<String, Pattern> compiled = new LinkedHashMap<>();
		rules.forEach((name, regex) -> {
			try {
				compiled.put(name, Pattern.compile(regex));
			}
			catch (PatternSyntaxException wrong) {
				throw new IllegalArgumentException(where + "." + name + " is not a regular expression: " + regex,
						wrong);
			}
		});
		return Collections.unmodifiableMap(compiled);
	}

}
