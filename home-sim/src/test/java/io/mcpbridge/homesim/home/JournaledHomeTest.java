package io.mcpbridge.homesim.home;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two "processes" in one JVM: two homes, each with its own reader of the same journal.
 */
class JournaledHomeTest {

	private static final Mutation TURN_ON_77 = new Mutation.CallService("light", "turn_on", "light.kitchen",
			Map.of("brightness", 77));

	@TempDir
	Path dir;

	private final List<JournaledHome> opened = new ArrayList<>();

	private Path journal() {
		return this.dir.resolve("home.jsonl");
	}

	/**
	 * Each process has its own clock, far apart: a shared last_changed can only come from
	 * the journal.
	 */
	private JournaledHome process(long seed, String clockStart) throws IOException {
		JournaledHome home = JournaledHome.open(journal(),
				new Home(seed, new HomeTest.TickingClock(Instant.parse(clockStart))));
		this.opened.add(home);
		return home;
	}

	@AfterEach
	void close() throws IOException {
		for (JournaledHome home : this.opened) {
			home.close();
		}
	}

	@Test
	void aChangeThroughOneIsSeenByTheOtherWithTheSameLastChangedAndHistory() throws IOException {
		JournaledHome a = process(42, "2026-03-01T10:00:00Z");
		JournaledHome b = process(42, "2030-01-01T00:00:00Z");

		EntityState written = a.write(TURN_ON_77);

		EntityState seen = entity(b, "light.kitchen");
		assertThat(seen).isEqualTo(written);
		assertThat(seen.attributes()).containsEntry("brightness", 77);
		assertThat(seen.lastChanged()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
		List<EntityState> history = history(b);
		assertThat(history).hasSize(2).isEqualTo(history(a));

		// A process started later replays the journal and joins the same home.
		JournaledHome restarted = process(42, "2031-01-01T00:00:00Z");
		assertThat(history(restarted)).isEqualTo(history);
	}

	@Test
	void aFailedMutationIsNotJournaledAndAnUnchangedAutomationOnlyOnce() throws IOException {
		JournaledHome a = process(42, "2026-03-01T10:00:00Z");
		long before = Files.size(journal());

		assertThatThrownBy(() -> a.write(new Mutation.CallService("light", "turn_on", "light.attic", null)))
			.isInstanceOf(HomeException.class)
			.hasMessage("Unknown entity: light.attic");
		assertThat(Files.size(journal())).isEqualTo(before);

		Mutation automation = new Mutation.CreateAutomation("Night", Map.of("platform", "time", "at", "22:00"),
				Map.of("service", "light.turn_off", "entity_id", "light.kitchen"));
		EntityState created = a.write(automation);
		assertThat(a.write(automation)).isEqualTo(created);
		assertThat(Files.readAllLines(journal())).hasSize(2);
		assertThat(entity(process(42, "2030-01-01T00:00:00Z"), "automation.night")).isEqualTo(created);
	}

	@Test
	void garbageOversizedAndTornLinesAreSkippedWithAWarning() throws IOException {
		JournaledHome a = process(42, "2026-03-01T10:00:00Z");
		JournaledHome b = process(42, "2030-01-01T00:00:00Z");
		String stderr = capturingStderr(() -> {
			append("not json\n{\"op\":\"call_service\",\"at\":\"yesterday\",\"args\":{}}\n");
			append("{\"op\":\"call_service\",\"at\":\"2026-03-01T09:00:00Z\",\"args\":{\"domain\":\"light\"}}\n");
			append("x".repeat(JournalCodec.MAX_LINE_BYTES + 1) + "\n");
			// A writer that died mid-line: no newline. Readers leave it pending; the next
			// writer terminates it.
			append("{\"op\":\"call_se");
			assertThat(entity(b, "light.kitchen").state()).isEqualTo("on");
			a.write(TURN_ON_77);
		});

		assertThat(entity(b, "light.kitchen").attributes()).containsEntry("brightness", 77);
		assertThat(history(process(42, "2031-01-01T00:00:00Z"))).isEqualTo(history(a)).hasSize(2);
		assertThat(stderr).contains("not a JSON object", "bad instant yesterday", "cannot apply",
				"longer than 1048576 bytes", "torn line");
	}

	@Test
	void aProcessWithAnotherSeedIsRefused() throws IOException {
		process(42, "2026-03-01T10:00:00Z");
		assertThatIllegalStateException().isThrownBy(() -> process(7, "2026-03-01T10:00:00Z"))
			.withMessageContaining("was started with --seed=42, this process has --seed=7");
	}

	@Test
	void concurrentTogglesThroughTwoHomesInOneJvmAreSerialized() throws Exception {
		JournaledHome a = process(42, "2026-03-01T10:00:00Z");
		JournaledHome b = process(42, "2030-01-01T00:00:00Z");
		Mutation toggle = new Mutation.CallService("light", "toggle", "light.kitchen", null);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<EntityState>> results = new ArrayList<>();
			for (int i = 0; i < 101; i++) {
				JournaledHome home = i % 2 == 0 ? a : b;
				results.add(pool.submit(() -> home.write(toggle)));
			}
			for (Future<EntityState> result : results) {
				result.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(history(a)).hasSize(102).isEqualTo(history(b));
		assertThat(entity(b, "light.kitchen").state()).isEqualTo("off");
	}

	/**
	 * Typed: a generic read inside assertThat is ambiguous between AssertJ's overloads.
	 */
	private static List<EntityState> history(JournaledHome home) {
		return home.read(h -> h.history("light.kitchen", null, null));
	}

	private static EntityState entity(JournaledHome home, String entityId) {
		return home.read(h -> h.entity(entityId));
	}

	private void append(String text) {
		try {
			Files.writeString(journal(), text, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String capturingStderr(Runnable body) {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			body.run();
		}
		finally {
			System.setErr(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

}
