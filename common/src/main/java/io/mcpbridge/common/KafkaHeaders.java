package io.mcpbridge.common;

/** Names of the Kafka record headers the bridge sets. */
public final class KafkaHeaders {

	public static final String REQUEST_ID = "mcp-request-id";

	public static final String TENANT = "mcp-tenant";

	/** Why a record went to {@link Topics#DEAD_LETTERS}. */
	public static final String DLT_REASON = "mcp-dlt-reason";

	/** The topic a dead letter came from. */
	public static final String DLT_ORIGINAL_TOPIC = "mcp-dlt-original-topic";

	private KafkaHeaders() {
	}
}
