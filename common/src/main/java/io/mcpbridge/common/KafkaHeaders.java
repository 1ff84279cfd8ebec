package io.mcpbridge.common;

/** Names of the Kafka record headers the bridge sets. */
public final class KafkaHeaders {

	/** Why a record went to {@link Topics#deadLetters()}. */
	public static final String DLT_REASON = "mcp-dlt-reason";

	/** The topic a dead letter came from. */
	public static final String DLT_ORIGINAL_TOPIC = "mcp-dlt-original-topic";

	private KafkaHeaders() {
	}

}
