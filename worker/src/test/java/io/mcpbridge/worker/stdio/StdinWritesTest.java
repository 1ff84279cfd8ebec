package io.mcpbridge.worker.stdio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The channel's writes to real child processes: what in-memory pipes cannot show, a full
 * OS pipe (64 KB) in front of a child that does not read.
 */
class StdinWritesTest {

	private static final Logger log = LoggerFactory.getLogger(StdinWritesTest.class);

	/** Far beyond any of the waits below, which a loaded machine must still meet. */
	private static final Duration PROMPTLY = Duration.ofSeconds(5);

	private static final String PADDING = "x".repeat(1024);

	private StdioChild child;

	private JsonRpcChannel channel;

	@AfterEach
	void stopChild() {
		if (child != null) {
			channel.close();
			child.stop(Duration.ZERO, Duration.ofMillis(200), log);
		}
	}

	@Test
	void aChildThatNeverReadsFailsEveryRequestFastAndNeverBlocksTheSender() {
		start("sleeper#0", "sleep", "600");
		List<CompletableFuture<JsonNode>> answers = new ArrayList<>();

		// 600 requests of 1 KB: the pipe takes 64, the queue its bound, the rest cannot
		// even be queued.
		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 600; i++) {
				answers.add(channel.request("tools/call", params(0, i), CallListener.NONE)
					.answer()
					.orTimeout(2, TimeUnit.SECONDS));
			}
		});

		assertThat(sending).succeedsWithin(PROMPTLY);
		assertThat(answers).allSatisfy(answer -> assertThat(answer).failsWithin(PROMPTLY)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfAny(ChildNotReadingException.class, TimeoutException.class));
		assertThat(answers.get(599)).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ChildNotReadingException.class)
			.withMessageContaining("sleeper#0 is not reading its stdin");
	}

	@Test
	void closingDoesNotWaitForAWriteStuckOnAChildThatNeverReadsAndStoppingEndsIt() {
		start("sleeper#0", "sleep", "600");
		ObjectNode huge = params(0, 0).put("pad", "x".repeat(200 * 1024));
		channel.request("tools/call", huge, CallListener.NONE);
		// Taken by the writer: 200 KB never fit the 64 KB pipe, so its write is stuck
		// from now on.
		await().atMost(PROMPTLY).until(() -> channel.queuedToWrite() == 0);

		assertThat(CompletableFuture.runAsync(channel::close)).succeedsWithin(PROMPTLY);
		// Not even closing stdin could get through: the child never got its cue to exit.
		assertThat(channel.stdinClosed()).isNotDone();

		assertThat(CompletableFuture.runAsync(() -> child.stop(Duration.ZERO, Duration.ofSeconds(1), log)))
			.succeedsWithin(PROMPTLY);
		assertThat(ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)).isEmpty();
		// The child's death broke the pipe, which ended the stuck write.
		assertThat(channel.stdinClosed()).succeedsWithin(PROMPTLY);
	}

	@Test
	void concurrentSendersGetWholeLinesInTheOrderEachSentThem(@TempDir Path directory) throws Exception {
		Path received = directory.resolve("stdin.jsonl");
		// Not exec'd: the shell keeps stdout open meanwhile (the channel ends when the
		// child's stdout closes).
		start("recorder#0", "sh", "-c", "cat > \"$0\"; true", received.toString());
		int senders = 8;
		int perSender = 20;
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<Void>> sending = new ArrayList<>();
		for (int sender = 0; sender < senders; sender++) {
			int id = sender;
			sending.add(CompletableFuture.runAsync(() -> {
				awaitQuietly(go);
				for (int seq = 0; seq < perSender; seq++) {
					channel.request("tools/call", params(id, seq), CallListener.NONE);
				}
			}));
		}
		go.countDown();
		assertThat(CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new))).succeedsWithin(PROMPTLY);

		// Closing drops what is still queued: wait until the writer has taken the last
		// line.
		await().atMost(PROMPTLY).until(() -> channel.queuedToWrite() == 0);
		channel.close();
		assertThat(child.awaitExit(PROMPTLY)).isTrue();

		List<String> lines = Files.readAllLines(received, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(senders * perSender);
		Map<Integer, List<Integer>> seqsBySender = new HashMap<>();
		for (String line : lines) {
			JsonNode params = BridgeJson.mapper().readTree(line).path("params");
			assertThat(params.path("pad").asString()).isEqualTo(PADDING);
			seqsBySender.computeIfAbsent(params.path("sender").asInt(), key -> new ArrayList<>())
				.add(params.path("seq").asInt());
		}
		List<Integer> inOrder = IntStream.range(0, perSender).boxed().toList();
		assertThat(seqsBySender).hasSize(senders).allSatisfy((sender, seqs) -> assertThat(seqs).isEqualTo(inOrder));
	}

	private void start(String name, String... commandLine) {
		try {
			child = StdioChild.start(name, List.of(commandLine), Map.of("PATH", System.getenv("PATH")), null, log);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		channel = new JsonRpcChannel(name, child.process().getInputStream(), child.process().getOutputStream(), 4096,
				(method, params) -> {
				})
			.start();
	}

	private static ObjectNode params(int sender, int seq) {
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("sender", sender);
		params.put("seq", seq);
		params.put("pad", PADDING);
		return params;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
