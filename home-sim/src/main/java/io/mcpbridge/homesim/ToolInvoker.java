package io.mcpbridge.homesim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import io.mcpbridge.homesim.fault.Fault;
import io.mcpbridge.homesim.fault.FaultInjector;
import io.mcpbridge.homesim.home.HomeException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * Runs every tool call the same way: the injected fault (if any), simulated latency, the
 * body, the result as JSON text AND structuredContent, every failure of the body as a
 * tool error result (never an exception escaping to the SDK, except the injected JSON-RPC
 * error), and a call-log line.
 */
final class ToolInvoker {

	private final McpJsonMapper mapper;

	private final CallLog callLog;

	private final long latencyMs;

	private final FaultInjector faults;

	ToolInvoker(McpJsonMapper mapper, CallLog callLog, long latencyMs, FaultInjector faults) {
		this.mapper = mapper;
		this.callLog = callLog;
		this.latencyMs = latencyMs;
		this.faults = faults;
	}

	/**
	 * A tool whose body maps the arguments to a JSON object (or throws HomeException).
	 */
	SyncToolSpecification tool(McpSchema.Tool tool, Function<Map<String, Object>, Map<String, Object>> body) {
		return new SyncToolSpecification(tool,
				(exchange, request) -> invoke(tool.name(), request.arguments(), request.meta(), body));
	}

	CallToolResult invoke(String tool, Map<String, Object> arguments, Map<String, Object> meta,
			Function<Map<String, Object>, Map<String, Object>> body) {
		long start = epochMicros();
		FaultInjector.Decision decision = this.faults.next();
		if (decision.fault() != Fault.NONE && decision.fault() != Fault.SLOW) {
			// Logged first: a hung call never ends and a crashed process writes nothing
			// after.
			this.callLog.append(tool, arguments, meta, decision.fault(), start, epochMicros());
			injectFailure(tool, decision.fault());
		}
		try {
			pause(decision.delayMs() + this.latencyMs);
			return success(body.apply(arguments));
		}
		catch (HomeException ex) {
			return error(ex.kind().name().toLowerCase(Locale.ROOT), ex.getMessage());
		}
		catch (RuntimeException ex) {
			// A bug, not a bad request: say so on stderr, but keep the server alive for
			// the next call.
			System.err.println("home-sim: internal error in " + tool + ": " + ex);
			ex.printStackTrace();
			return error("internal_error", "Internal error in " + tool + ": " + ex);
		}
		finally {
			this.callLog.append(tool, arguments, meta, decision.fault(), start, epochMicros());
		}
	}

	/**
	 * Never returns normally: throws the JSON-RPC error, blocks for good, or ends the
	 * process.
	 */
	private static void injectFailure(String tool, Fault fault) {
		switch (fault) {
			case FAIL -> throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
				.message("home-sim: injected failure of " + tool)
				.build();
			case HANG -> hang();
			case CRASH -> {
				System.err.println("home-sim: injected crash during " + tool);
				System.err.flush();
				Runtime.getRuntime().halt(FaultInjector.CRASH_EXIT_CODE);
			}
			default -> throw new IllegalArgumentException("not a failure: " + fault);
		}
		throw new IllegalStateException("unreachable after " + fault);
	}

	private static void hang() {
		try {
			// Parks this call's thread until the process is stopped; nothing else would
			// ever count it down.
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("home-sim: stopped while hanging").build();
	}

	private static void pause(long millis) {
		if (millis > 0) {
			try {
				Thread.sleep(millis);
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
