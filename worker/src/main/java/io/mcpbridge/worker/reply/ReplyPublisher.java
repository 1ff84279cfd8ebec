package io.mcpbridge.worker.reply;

import java.time.Duration;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.config.WorkerProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands a reply to the waiting gateway: first the result key (with a TTL), then a publish on the
 * gateway's reply channel. Pub/sub is at-most-once, so the key is written first: a gateway that
 * missed the message still finds the result when it re-reads its pending requests' keys.
 *
 * <p>
 * Redis errors propagate on purpose: the request processor then retries (bounded), which
 * keeps the at-least-once promise instead of dropping a finished result.
 */
@Component
public class ReplyPublisher {

	private final StringRedisTemplate redis;

	private final Duration ttl;

	public ReplyPublisher(StringRedisTemplate redis, WorkerProperties properties) {
		this.redis = redis;
		this.ttl = properties.results().ttl();
	}

	public void publish(RequestEnvelope request, ReplyEnvelope reply) {
		String json = BridgeJson.mapper().writeValueAsString(reply);
		redis.opsForValue().set(RedisKeys.result(request.tenant(), request.requestId()), json, ttl);
		redis.convertAndSend(RedisKeys.replyChannel(request.replyTo()), json);
	}

	/**
	 * Publishes a reply already stored under the result key (a redelivered request that was answered
	 * before): the waiting gateway gets it again, the stored copy stays as it is.
	 */
	public void republish(RequestEnvelope request, String storedJson) {
		redis.convertAndSend(RedisKeys.replyChannel(request.replyTo()), storedJson);
	}
}
