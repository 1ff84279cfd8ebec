package io.mcpbridge.standalone.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;

import static org.awaitility.Awaitility.await;

/**
 * Reads the result keys the workers wrote for many requests at once (MGET), from the real
 * Redis.
 */
final class Replies implements AutoCloseable {

	private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");

	private final StatefulRedisConnection<String, String> connection = client.connect();

	/** The replies stored so far, by request id. */
	Map<String, ReplyEnvelope> stored(List<RequestEnvelope> requests) {
		Map<String, ReplyEnvelope> replies = new HashMap<>();
		for (int from = 0; from < requests.size(); from += 500) {
			List<RequestEnvelope> batch = requests.subList(from, Math.min(requests.size(), from + 500));
			List<KeyValue<String, String>> values = connection.sync()
				.mget(batch.stream().map(r -> RedisKeys.result(r.tenant(), r.requestId())).toArray(String[]::new));
			for (int i = 0; i < batch.size(); i++) {
				if (values.get(i).hasValue()) {
					replies.put(batch.get(i).requestId(),
							BridgeJson.mapper().readValue(values.get(i).getValue(), ReplyEnvelope.class));
				}
			}
		}
		return replies;
	}

	Map<String, ReplyEnvelope> awaitAll(List<RequestEnvelope> requests, Duration atMost) {
		await().atMost(atMost)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> stored(requests).size() == requests.size());
		return stored(requests);
	}

	ReplyEnvelope awaitOne(RequestEnvelope request, Duration atMost) {
		return awaitAll(List.of(request), atMost).get(request.requestId());
	}

	/** Replies in a list, in the order of {@code requests}. */
	static List<ReplyEnvelope> inOrder(List<RequestEnvelope> requests, Map<String, ReplyEnvelope> replies) {
		List<ReplyEnvelope> ordered = new ArrayList<>();
		requests.forEach(request -> ordered.add(replies.get(request.requestId())));
		return ordered;
	}

	@Override
	public void close() {
		connection.close();
		client.shutdown();
	}

}
