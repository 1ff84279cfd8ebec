package io.mcpbridge.common;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

	@Test
	void requestTopicsAreOnePerPriorityHighestFirst() {
		assertThat(Topics.DEFAULT.allRequestTopics()).containsExactly("mcp.requests.critical", "mcp.requests.high",
				"mcp.requests.medium", "mcp.requests.low", "mcp.requests.bulk");
		assertThat(Topics.DEFAULT.deadLetters()).isEqualTo("mcp.requests.dlt");
		assertThat(Topics.DEFAULT.workerGroup()).isEqualTo("mcp-bridge-workers");
		assertThat(Topics.priorityOf("mcp.requests.bulk")).isEqualTo(Priority.BULK);
	}

	@Test
	void noNamespaceKeepsTheNamesOfASingleDeployment() {
		assertThat(Topics.of(Namespace.of(null))).isSameAs(Topics.DEFAULT);
		assertThat(Topics.of(Namespace.of(" ")).requests(Priority.HIGH)).isEqualTo("mcp.requests.high");
		assertThat(RedisKeys.workerIndex(Namespace.NONE)).isEqualTo("mcp:workers");
	}

	@Test
	void aNamespacePrefixesTopicsTheWorkerGroupAndWorkerReports() {
		Namespace namespace = Namespace.of("it-queue-1");
		Topics topics = Topics.of(namespace);

		assertThat(topics.allRequestTopics()).first().isEqualTo("it-queue-1.mcp.requests.critical");
		assertThat(topics.deadLetters()).isEqualTo("it-queue-1.mcp.requests.dlt");
		assertThat(topics.workerGroup()).isEqualTo("it-queue-1.mcp-bridge-workers");
		assertThat(Topics.priorityOf("it-queue-1.mcp.requests.low")).isEqualTo(Priority.LOW);
		assertThat(RedisKeys.workerIndex(namespace)).isEqualTo("it-queue-1:mcp:workers");
		assertThat(RedisKeys.workerReport(namespace, "w1")).isEqualTo("it-queue-1:mcp:workers:w1");
	}

	@Test
	void onlyRequestTopicsHaveAPriority() {
		assertThat(List.of("mcp.requests.dlt", "x.mcp.requests.dlt", "mcp.requests.", "a.b.mcp.requests.low",
				"mcp.requests.low.x", "other", ""))
			.allSatisfy(topic -> assertThatThrownBy(() -> Topics.priorityOf(topic))
				.isInstanceOf(IllegalArgumentException.class));
		assertThatThrownBy(() -> Topics.priorityOf(null)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aNamespaceIsShortAndMadeOfCharactersLegalInTopicsAndKeysWithoutTheirSeparators() {
		assertThat(Namespace.of("a").name()).isEqualTo("a");
		assertThat(Namespace.of("x".repeat(Namespace.MAX_LENGTH)).name()).hasSize(Namespace.MAX_LENGTH);
		assertThat(List.of("A", "a.b", "a_b", "a:b", "a b", "-a", "{a}", "a*", "\u00e9", "x".repeat(49)))
			.allSatisfy(bad -> assertThatThrownBy(() -> Namespace.of(bad)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("bridge.namespace must be"));
		assertThatThrownBy(() -> Namespace.of("bad\n" + "y".repeat(100))).hasMessageEndingWith("...'")
			.hasMessageNotContaining("\n");
	}

	@Test
	void redisKeysCarryTheTenantInAHashTag() {
		assertThat(RedisKeys.session("acme", "s1")).isEqualTo("mcp:{acme}:session:s1");
		assertThat(RedisKeys.result("acme", "r1")).isEqualTo("mcp:{acme}:result:r1");
		assertThat(RedisKeys.dedup("acme", "k")).isEqualTo("mcp:{acme}:dedup:k");
		assertThat(RedisKeys.executing("acme", "r1")).isEqualTo("mcp:{acme}:executing:r1");
		assertThat(RedisKeys.inflight("acme")).isEqualTo("mcp:{acme}:inflight");
		assertThat(RedisKeys.rateLimit("acme", "tenant")).isEqualTo("mcp:{acme}:ratelimit:tenant");
		assertThat(RedisKeys.rateLimit("acme", "client:10.0.0.1")).isEqualTo("mcp:{acme}:ratelimit:client:10.0.0.1");
		assertThat(RedisKeys.cache("acme", "home", "get_entities", "ab12"))
			.isEqualTo("mcp:{acme}:cache:home:get_entities:ab12");
		assertThat(RedisKeys.replyChannel("gw-1")).isEqualTo("mcp:replies:gw-1");
	}

	@Test
	void clusterWideIndexesAndWorkerReportsShareTheRoot() {
		assertThat(RedisKeys.requestState("acme", "rs1")).isEqualTo("mcp:{acme}:state:rs1");
		assertThat(RedisKeys.sessionIndex()).isEqualTo("mcp:sessions");
		assertThat(RedisKeys.sessionIndexMember("acme", "s1")).isEqualTo("acme/s1");
		assertThat(RedisKeys.workerIndex(Namespace.NONE)).isEqualTo("mcp:workers");
		assertThat(RedisKeys.workerReport(Namespace.NONE, "worker-1")).isEqualTo("mcp:workers:worker-1");
		assertThatThrownBy(() -> RedisKeys.workerReport(Namespace.NONE, "w 1"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void cacheKeysOfOneTenantShareItsHashSlot() {
		String entry = RedisKeys.cache("acme", "home", "get_entities", "ab12");
		assertThat(RedisKeys.toolsListCache("acme", "home")).isEqualTo("mcp:{acme}:cache:home:tools/list");
		assertThat(RedisKeys.cacheLock(entry)).isEqualTo("mcp:{acme}:cache:home:get_entities:ab12:lock");
		assertThat(RedisKeys.cacheVersions("acme", "home")).isEqualTo("mcp:{acme}:cachever:home");
		assertThat(RedisKeys.cacheInvalidationChannel()).isEqualTo("mcp:cache-invalidations");
	}

	@Test
	void aCacheKeyNeedsAHexHash() {
		assertThatThrownBy(() -> RedisKeys.cache("acme", "home", "t", "x:y"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RedisKeys.cache("acme", "home", "a/b", "ab"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void idsThatCouldEscapeTheirKeyAreRejected() {
		assertThatThrownBy(() -> RedisKeys.session("acme", "a b")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RedisKeys.result("ac}me", "r")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RedisKeys.session("acme", "x".repeat(129)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void taskKeysOfOneTenantShareItsHashSlotAndCheckTheirIds() {
		assertThat(RedisKeys.task("acme", "t-1")).isEqualTo("mcp:{acme}:task:t-1");
		assertThat(RedisKeys.taskIndex("acme")).isEqualTo("mcp:{acme}:task-index");
		assertThat(RedisKeys.taskAnswers("acme", "t1")).isEqualTo("mcp:{acme}:task-answers:t1");
		assertThat(RedisKeys.ownerTasks("acme", "s1")).isEqualTo("mcp:{acme}:task-owner:s1");
		assertThat(RedisKeys.ownerTasks("acme", null)).isEqualTo("mcp:{acme}:task-owner:-");
		assertThatThrownBy(() -> RedisKeys.task("acme", "a:b c")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void priorityParsingIsCaseInsensitiveAndRejectsUnknownLevels() {
		assertThat(Priority.parse("high")).contains(Priority.HIGH);
		assertThat(Priority.parse(" Critical ")).contains(Priority.CRITICAL);
		assertThat(Priority.parse("urgent")).isEmpty();
		assertThat(Priority.parse(null)).isEmpty();
	}

}
