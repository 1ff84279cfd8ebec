package io.mcpbridge.gateway.submit;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.runtime.TopicLayout;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * How large a request record may be, and what a failed produce means to the client. The
 * record is the body plus its envelope (ids, deadline, routing): its limit follows
 * {@code bridge.http.max-body-size} plus {@link #ENVELOPE_OVERHEAD}, and the producer's
 * {@code max.request.size} is set to it, so a body the HTTP layer takes is never refused
 * by Kafka for its size. A record that is too large anyway is a permanent failure:
 * PAYLOAD_TOO_LARGE (413), never QUEUE_UNAVAILABLE with a Retry-After that would make a
 * client retry it forever.
 */
final class RecordLimit {

	/** Room for the envelope around the body. */
	static final int ENVELOPE_OVERHEAD = 64 * 1024;

	private RecordLimit() {
	}

	static int maxRecordBytes(GatewayProperties properties) {
		long body = properties.http().maxBodySize().toBytes();
		return (int) Math.min(TopicLayout.MAX_MESSAGE_BYTES, body + ENVELOPE_OVERHEAD);
	}

	/**
	 * The producer's {@code max.request.size}: the record limit plus the batch header.
	 */
	static int maxRequestSize(GatewayProperties properties) {
		return maxRecordBytes(properties) + 1024;
	}

	static int utf8Length(String value) {
		int bytes = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/** The client's error for a request that could not be produced. */
	static BridgeException produceFailure(Throwable failure, String requestId) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof BridgeException refused) {
				return refused;
			}
			if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
				return new BridgeException(ErrorCode.PAYLOAD_TOO_LARGE, "the request is larger than the queue takes",
						requestId);
			}
		}
		return new BridgeException(ErrorCode.QUEUE_UNAVAILABLE, "the request queue is unavailable; retry later",
				requestId);
	}

}
