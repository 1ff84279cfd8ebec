package io.mcpbridge.gateway.task;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.gateway.LocalRedis;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task store on the real Redis at 127.0.0.1:6379, each test with a tenant of its own.
 */
class TaskStoreIT {

	@RegisterExtension
	static final LocalRedis local = new LocalRedis();

	private static final StringRedisTemplate redis = local.template();

	private final String tenant = "ts-" + UUID.randomUUID().toString().substring(0, 8);

	private final TaskStore store = new TaskStore(redis, properties(3));

	@AfterEach
	void forgetTenant() {
		// No KEYS on the shared Redis: the test's keys are known.
		for (String owner : new String[] { "s-1", "s-2" }) {
			String index = RedisKeys.ownerTasks(tenant, owner);
			Set<String> ids = redis.opsForZSet().range(index, 0, -1);
			if (ids != null) {
				ids.forEach(id -> redis.delete(RedisKeys.task(tenant, id)));
			}
			redis.delete(index);
		}
		redis.delete(RedisKeys.taskIndex(tenant));
	}

	private static TaskProperties properties(int maxLive) {
		return new TaskProperties(true, Duration.ofMinutes(10), Duration.ofHours(1), maxLive, Duration.ofSeconds(1),
				Duration.ofSeconds(60), "optional", Map.of("slow", "required"));
	}

	private Task task(String id, String session) {
		long now = System.currentTimeMillis();
		return Task.working(id, tenant, session, "echo", now, 60_000, 1000, now + 30_000);
	}

	@Test
	void aCreatedTaskIsFoundAndLivesExactlyItsTtl() {
		store.create(task("t-1", "s-1"));

		assertThat(store.find(tenant, "t-1")).hasValueSatisfying(found -> {
			assertThat(found.status()).isEqualTo(TaskStatus.WORKING);
			assertThat(found.ownedBy("s-1")).isTrue();
			assertThat(found.ownedBy("s-2")).isFalse();
		});
		assertThat(redis.getExpire(RedisKeys.task(tenant, "t-1"))).isBetween(55L, 60L);
	}

	@Test
	void pastTheTenantsBoundACreateIsRateLimited() {
		store.create(task("t-1", "s-1"));
		store.create(task("t-2", "s-1"));
		store.create(task("t-3", "s-2"));

		assertThatThrownBy(() -> store.create(task("t-4", "s-1"))).isInstanceOfSatisfying(BridgeException.class,
				refused -> assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED));
		assertThat(store.find(tenant, "t-4")).isEmpty();
	}

	@Test
	void aDeletedTaskFreesItsPlace() {
		TaskStore one = new TaskStore(redis, properties(1));
		Task first = task("t-1", "s-1");
		one.create(first);
		one.delete(first);

		one.create(task("t-2", "s-1"));

		assertThat(one.find(tenant, "t-2")).isPresent();
	}

	@Test
	void theFirstTerminalStateWins() {
		Task task = task("t-1", "s-1");
		store.create(task);
		long now = System.currentTimeMillis();
		Task cancelled = task.finished(TaskStatus.CANCELLED, "stop", new ReplyEnvelope("t-1", tenant, null,
				ReplyError.of(ErrorCode.CANCELLED, "stop"), null, now, false, null), now);

		assertThat(store.finish(cancelled))
			.hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TaskStatus.CANCELLED));
		Task completed = task.finished(TaskStatus.COMPLETED, null,
				new ReplyEnvelope("t-1", tenant, BridgeJson.mapper().createObjectNode(), null, "w", now, false, null),
				now);
		assertThat(store.finish(completed))
			.hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TaskStatus.CANCELLED));
		assertThat(redis.getExpire(RedisKeys.task(tenant, "t-1"))).isPositive();
	}

	@Test
	void listingPagesOnlyTheOwnersTasks() {
		TaskStore roomy = new TaskStore(redis, properties(100));
		for (int i = 0; i < TaskStore.PAGE_SIZE + 2; i++) {
			roomy.create(task("t-" + i, "s-1"));
		}
		roomy.create(task("other", "s-2"));

		TaskStore.Page first = roomy.list(tenant, "s-1", 0);
		TaskStore.Page second = roomy.list(tenant, "s-1", first.next());

		assertThat(first.tasks()).hasSize(TaskStore.PAGE_SIZE);
		assertThat(second.tasks()).hasSize(2);
		assertThat(second.next()).isNull();
		assertThat(first.tasks()).extracting(Task::taskId).doesNotContain("other");
		assertThat(roomy.list(tenant, "s-2", 0).tasks()).extracting(Task::taskId).containsExactly("other");
	}

	@Test
	void anAnswerIsRecordedWithALiveTaskForItsLifeAndIgnoredForAnOrdinaryRequest() {
		store.create(task("t-1", "s-1"));

		store.recordAnswer(tenant, "t-1", "in-1");
		store.recordAnswer(tenant, "not-a-task", "in-2");

		assertThat(store.answers(tenant, "t-1")).containsExactly("in-1");
		assertThat(redis.getExpire(RedisKeys.taskAnswers(tenant, "t-1"))).isBetween(55L, 60L);
		assertThat(redis.hasKey(RedisKeys.taskAnswers(tenant, "not-a-task"))).isFalse();
		store.delete(task("t-1", "s-1"));
		assertThat(redis.hasKey(RedisKeys.taskAnswers(tenant, "t-1"))).isFalse();
	}

	@Test
	void grantedTtlsStayWithinTheBounds() {
		TaskProperties bounds = properties(1);

		assertThat(bounds.grantedTtlMs(null)).isEqualTo(600_000);
		assertThat(bounds.grantedTtlMs(5_000L)).isEqualTo(5_000);
		assertThat(bounds.grantedTtlMs(86_400_000L)).isEqualTo(3_600_000);
		assertThat(bounds.support("slow")).isEqualTo(TaskSupport.REQUIRED);
		assertThat(bounds.support("echo")).isEqualTo(TaskSupport.OPTIONAL);
	}

}
