package io.mcpbridge.worker.consume;

import java.util.Map;

import io.mcpbridge.common.Priority;

/** A read-only view of the requests this worker has polled and not started yet. */
public interface BufferedRequests {

	/** How many requests of each priority wait in this worker's memory right now. */
	Map<Priority, Integer> bufferedByPriority();

}
