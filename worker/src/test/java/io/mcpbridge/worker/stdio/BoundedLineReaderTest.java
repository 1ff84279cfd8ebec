package io.mcpbridge.worker.stdio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLineReaderTest {

	@Test
	void readsLinesWithoutTheirTerminators() throws IOException {
		BoundedLineReader reader = reader("one\ntwo\r\n\nlast", 100);

		assertThat(text(reader.readLine())).isEqualTo("one");
		assertThat(text(reader.readLine())).isEqualTo("two");
		assertThat(text(reader.readLine())).isEmpty();
		assertThat(text(reader.readLine())).isEqualTo("last");
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void anOverLongLineIsDroppedWholeAndTheNextLineIsIntact() throws IOException {
		String huge = "x".repeat(50_000);
		BoundedLineReader reader = reader("short\n" + huge + "\nafter\n", 1000);

		assertThat(text(reader.readLine())).isEqualTo("short");
		assertThatThrownBy(reader::readLine).isInstanceOfSatisfying(BoundedLineReader.LineTooLongException.class,
				ex -> assertThat(ex.length()).isEqualTo(50_000));
		assertThat(text(reader.readLine())).isEqualTo("after");
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void aLineOfExactlyTheLimitIsAccepted() throws IOException {
		assertThat(text(reader("y".repeat(64) + "\n", 64).readLine())).hasSize(64);
	}

	private static BoundedLineReader reader(String content, int limit) {
		return new BoundedLineReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), limit);
	}

	private static String text(byte[] line) {
		return new String(line, StandardCharsets.UTF_8);
	}

}
