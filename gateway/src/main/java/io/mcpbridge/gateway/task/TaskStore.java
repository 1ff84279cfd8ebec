package io.mcpbridge.gateway.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.error.BridgeException;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The tasks of every tenant, in Redis, so that any gateway replica serves them. A task
 * key lives exactly its TTL; the tenant's index (scored by expiry) bounds how many a
 * tenant holds, the owner's index (scored by creation) pages tasks/list. All keys of a
 * tenant share its hash slot, so each script is atomic in a cluster too.
 */
@Component
public class TaskStore {

	/**
	 * Drops expired entries, refuses past the bound, then stores and indexes the task.
	 */
	private static final RedisScript<Long> CREATE = RedisScript.of("""
			redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
			if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 0 end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			redis.call('ZADD', KEYS[2], ARGV[4], ARGV[6])
			redis.call('PEXPIRE', KEYS[2], ARGV[7])
			redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[3] - ARGV[7])
			redis.call('ZADD', KEYS[3], ARGV[3], ARGV[6])
			redis.call('PEXPIRE', KEYS[3], ARGV[7])
			return 1
			""", Long.class);

	/**
	 * Stores a terminal state unless the task is gone or already terminal (the first
	 * outcome wins); returns what is stored afterwards.
	 */
	private static final RedisScript<String> FINISH = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if not current then return false end
			local status = cjson.decode(current)['status']
			if status == 'completed' or status == 'failed' or status == 'cancelled' then return current end
			redis.call('SET', KEYS[1], ARGV[1], 'XX', 'KEEPTTL')
			return ARGV[1]
			""", String.class);

	/**
	 * Records that the client answered one of the task's questions, for as long as the
	 * task lives; nothing when the key names no live task (an answer to an ordinary
	 * request).
	 */
	private static final RedisScript<Long> ANSWERED = RedisScript.of("""
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl <= 0 then return 0 end
			redis.call('SADD', KEYS[2], ARGV[1])
			redis.call('PEXPIRE', KEYS[2], ttl)
			return 1
			""", Long.class);

	/** The most tasks one tasks/list page holds. */
	static final int PAGE_SIZE = 50;

	private final StringRedisTemplate redis;

	private final TaskProperties properties;

	TaskStore(StringRedisTemplate redis, TaskProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Stores a new task before its request is queued, so a tasks/get right after the
	 * handle finds it.
	 * @throws BridgeException RATE_LIMITED when the tenant holds its maximum of tasks
	 */
	public void create(Task task) {
		Long stored = redis.execute(CREATE,
				List.of(RedisKeys.task(task.tenant(), task.taskId()), RedisKeys.taskIndex(task.tenant()),
						RedisKeys.ownerTasks(task.tenant(), task.sessionId())),
				json(task), Long.toString(task.ttlMs()), Long.toString(task.createdEpochMs()),
				Long.toString(task.expiresEpochMs()), Integer.toString(properties.maxLivePerTenant()), task.taskId(),
				Long.toString(properties.maxTtl().toMillis()));
		if (!Long.valueOf(1).equals(stored)) {
			throw new BridgeException(ErrorCode.RATE_LIMITED,
					"this tenant holds " + properties.maxLivePerTenant() + " tasks already; retry when one expires")
				.withHeader("Retry-After", Long.toString(Math.max(1, properties.pollInterval().toSeconds())));
		}
	}

	/** Forgets a task whose request could not be queued. */
	public void delete(Task task) {
		redis.delete(List.of(RedisKeys.task(task.tenant(), task.taskId()),
				RedisKeys.taskAnswers(task.tenant(), task.taskId())));
		redis.opsForZSet().remove(RedisKeys.taskIndex(task.tenant()), task.taskId());
		redis.opsForZSet().remove(RedisKeys.ownerTasks(task.tenant(), task.sessionId()), task.taskId());
	}

	public Optional<Task> find(String tenant, String taskId) {
		return Optional.ofNullable(redis.opsForValue().get(RedisKeys.task(tenant, taskId))).map(TaskStore::parse);
	}

	/**
	 * Records a task's outcome for the rest of its TTL; the first terminal state stored
	 * wins.
	 * @return the task as stored now (empty when it expired meanwhile)
	 */
	public Optional<Task> finish(Task finished) {
		String stored = redis.execute(FINISH, List.of(RedisKeys.task(finished.tenant(), finished.taskId())),
				json(finished));
		return Optional.ofNullable(stored).map(TaskStore::parse);
	}

	/**
	 * Records the answer to question {@code inputId} if {@code requestId} is a live
	 * task's.
	 */
	public void recordAnswer(String tenant, String requestId, String inputId) {
		redis.execute(ANSWERED, List.of(RedisKeys.task(tenant, requestId), RedisKeys.taskAnswers(tenant, requestId)),
				inputId);
	}

	/** The ids of the task's questions the client has answered. */
	public Set<String> answers(String tenant, String taskId) {
		return Objects.requireNonNullElse(redis.opsForSet().members(RedisKeys.taskAnswers(tenant, taskId)), Set.of());
	}

	/**
	 * One page of an owner's tasks, oldest first.
	 * @param offset where the page starts (the previous page's {@link Page#next()})
	 */
	public Page list(String tenant, String sessionId, long offset) {
		String index = RedisKeys.ownerTasks(tenant, sessionId);
		List<String> ids = new ArrayList<>(
				Objects.requireNonNullElse(redis.opsForZSet().range(index, offset, offset + PAGE_SIZE - 1), List.of()));
		List<Task> tasks = new ArrayList<>();
		if (!ids.isEmpty()) {
			List<String> stored = redis.opsForValue()
				.multiGet(ids.stream().map(id -> RedisKeys.task(tenant, id)).toList());
			for (String json : stored == null ? List.<String>of() : stored) {
				if (json != null) {
					tasks.add(parse(json));
				}
			}
		}
		Long size = redis.opsForZSet().size(index);
		long next = offset + ids.size();
		return new Page(tasks, size != null && next < size && !ids.isEmpty() ? next : null);
	}

	/**
	 * @param next the offset of the next page, null on the last
	 */
	public record Page(List<Task> tasks, Long next) {
	}

	private static String json(Task task) {
		return BridgeJson.mapper().writeValueAsString(task);
	}

	private static Task parse(String json) {
		return BridgeJson.mapper().readValue(json, Task.class);
	}

}
