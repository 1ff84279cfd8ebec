package io.mcpbridge.worker.reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.cache.CacheInvalidator;
import io.mcpbridge.worker.config.WorkerProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Hands a reply to the waiting gateway: first the result key (with a TTL), then a publish
 * on the gateway's reply channel, in one script (one round trip). Pub/sub is
 * at-most-once, so the key is written first: a gateway that missed the message still
 * finds the result when it re-reads its pending requests' keys. A write's cache
 * invalidation, when the cache lives in this Redis, runs first in the same script: the
 * client's next read, through any gateway, cannot see the old state. A failing
 * invalidation ({@code redis.pcall}) does not hold the reply back.
 *
 * <p>
 * Redis errors propagate on purpose: the request processor then retries (bounded), which
 * keeps the at-least-once promise instead of dropping a finished result.
 */
@Component
public class ReplyPublisher {

	/**
	 * KEYS: result key [, cache version hash]. ARGV: reply JSON, TTL in ms, reply channel
	 * [, invalidation channel, invalidation message, fields...]. Returns 1, or 2 when the
	 * invalidation failed.
	 */
	private static final RedisScript<Long> STORE_AND_PUBLISH = RedisScript.of("""
			local outcome = 1
			if #KEYS > 1 then
			  for i = 6, #ARGV do
			    if type(redis.pcall('HINCRBY', KEYS[2], ARGV[i], 1)) == 'table' then outcome = 2 end
			  end
			  redis.call('PUBLISH', ARGV[4], ARGV[5])
			end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			redis.call('PUBLISH', ARGV[3], ARGV[1])
			return outcome
			""", Long.class);

	private final StringRedisTemplate redis;

	private final Duration ttl;

	public ReplyPublisher(StringRedisTemplate redis, WorkerProperties properties) {
		this.redis = redis;
		this.ttl = properties.results().ttl();
	}

	public void publish(RequestEnvelope request, ReplyEnvelope reply) {
		publish(request, reply, null);
	}

	/**
	 * Stores and publishes the reply, after running {@code invalidation} (null: none) in
	 * the same script.
	 * @return false when the invalidation failed (the reply went out all the same)
	 */
	public boolean publish(RequestEnvelope request, ReplyEnvelope reply, CacheInvalidator.Invalidation invalidation) {
		String json = BridgeJson.mapper().writeValueAsString(reply);
		List<String> keys = new ArrayList<>(List.of(RedisKeys.result(request.tenant(), request.requestId())));
		List<String> args = new ArrayList<>(
				List.of(json, Long.toString(ttl.toMillis()), RedisKeys.replyChannel(request.replyTo())));
		if (invalidation != null) {
			keys.add(invalidation.versionsKey());
			args.add(invalidation.channel());
			args.add(invalidation.message());
			args.addAll(invalidation.fields());
		}
		Long outcome = redis.execute(STORE_AND_PUBLISH, keys, args.toArray());
		return outcome == null || outcome != 2;
	}

	/**
	 * Publishes a reply already stored under the result key (a redelivered request that
	 * was answered before): the waiting gateway gets it again, the stored copy stays as
	 * it is.
	 */
	public void republish(RequestEnvelope request, String storedJson) {
		redis.convertAndSend(RedisKeys.replyChannel(request.replyTo()), storedJson);
	}

}
