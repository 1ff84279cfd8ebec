package io.mcpbridge.homesim;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.mcpbridge.homesim.fault.Fault;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * Appends one JSON line per tools/call:
 * {@code {"tool","arguments","start_us","end_us","pid"}}, times in epoch microseconds,
 * plus {@code "meta"} (the request's {@code _meta}, where the bridge puts its request id
 * and trace context) when the request has one and {@code "fault"} when a fault was
 * injected. Tests read it to detect overlapping calls, their order, and which requests
 * really ran.
 *
 * <p>
 * Each line is written with one write on a channel opened in append mode, with no
 * user-space buffer: the line is visible to readers as soon as the call returns, and
 * several home-sim processes can share one file without interleaving inside a line
 * (O_APPEND). The monitor serializes the concurrent tool calls of this process.
 */
class CallLog implements Closeable {

	/** The log when {@code --call-log} is absent. */
	static final CallLog NONE = new CallLog(null, null);

	private final FileChannel channel;

	private final McpJsonMapper mapper;

	private final long pid = ProcessHandle.current().pid();

	private CallLog(FileChannel channel, McpJsonMapper mapper) {
		this.channel = channel;
		this.mapper = mapper;
	}

	static CallLog open(Path path, McpJsonMapper mapper) throws IOException {
		if (path == null) {
			return NONE;
		}
		return new CallLog(
				FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
				mapper);
	}

	/** Never throws: losing a log line must not fail the tool call it describes. */
	void append(String tool, Map<String, Object> arguments, Map<String, Object> meta, Fault fault, long startMicros,
			long endMicros) {
		if (this.channel == null) {
			return;
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("tool", tool);
		line.put("arguments", arguments == null ? Map.of() : arguments);
		line.put("start_us", startMicros);
		line.put("end_us", endMicros);
		line.put("pid", this.pid);
		if (meta != null && !meta.isEmpty()) {
			line.put("meta", meta);
		}
		if (fault != null && fault != Fault.NONE) {
			line.put("fault", fault.name().toLowerCase(Locale.ROOT));
		}
		try {
			ByteBuffer bytes = ByteBuffer
				.wrap((this.mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
			synchronized (this) {
				while (bytes.hasRemaining()) {
					this.channel.write(bytes);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("home-sim: cannot write the call log: " + ex);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		if (this.channel != null) {
			this.channel.close();
		}
	}

}
