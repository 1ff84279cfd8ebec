package io.mcpbridge.homesim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.mcpbridge.homesim.home.HomeException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * Runs every tool call the same way: simulated latency, the body, the result as JSON text AND structuredContent,
 * every failure as a tool error result (never an exception escaping to the SDK), and a call-log line.
 */
final class ToolInvoker {

	private final McpJsonMapper mapper;

	private final CallLog callLog;

	private final long latencyMs;

	ToolInvoker(McpJsonMapper mapper, CallLog callLog, long latencyMs) {
		this.mapper = mapper;
		this.callLog = callLog;
		this.latencyMs = latencyMs;
	}

	/** A tool whose body maps the arguments to a JSON object (or throws HomeException). */
	SyncToolSpecification tool(McpSchema.Tool tool, Function<Map<String, Object>, Map<String, Object>> body) {
		return new SyncToolSpecification(tool, (exchange, request) -> invoke(tool.name(), request.arguments(), body));
	}

	CallToolResult invoke(String tool, Map<String, Object> arguments, Function<Map<String, Object>, Map<String, Object>> body) {
		long start = epochMicros();
		try {
			simulateLatency();
			return success(body.apply(arguments));
		}
		catch (HomeException ex) {
			return error(ex.kind().name().toLowerCase(Locale.ROOT), ex.getMessage());
		}
		catch (RuntimeException ex) {
			// A bug, not a bad request: say so on stderr, but keep the server alive for the next call.
			System.err.println("home-sim: internal error in " + tool + ": " + ex);
			ex.printStackTrace();
			return error("internal_error", "Internal error in " + tool + ": " + ex);
		}
		finally {
			this.callLog.append(tool, arguments, start, epochMicros());
		}
	}

	private void simulateLatency() {
		if (this.latencyMs > 0) {
			try {
				Thread.sleep(this.latencyMs);
			}
			catch (InterruptedException ex) {
				// Shutting down: answer now rather than pretend to be slow.
				Thread.currentThread().interrupt();
			}
		}
	}

	private CallToolResult success(Map<String, Object> json) {
		return CallToolResult.builder().addTextContent(write(json)).structuredContent(json).isError(false).build();
	}

	private CallToolResult error(String code, String message) {
		Map<String, Object> json = ToolDefinitions.ordered("error", code, "message", message);
		return CallToolResult.builder().addTextContent(message).structuredContent(json).isError(true).build();
	}

	private String write(Object json) {
		try {
			return this.mapper.writeValueAsString(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static long epochMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

}
