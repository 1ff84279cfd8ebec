package io.mcpbridge.homesim;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTest {

	@Test
	void defaultsWithoutArguments() {
		assertThat(Options.parse()).isEqualTo(new Options(0, 42, null, null));
	}

	@Test
	void parsesEveryOption() {
		assertThat(Options.parse("--latency-ms=25", "--seed=-7", "--call-log=/tmp/calls.jsonl",
				"--state-file=/tmp/home.jsonl"))
			.isEqualTo(new Options(25, -7, Path.of("/tmp/calls.jsonl"), Path.of("/tmp/home.jsonl")));
	}

	@Test
	void rejectsUnknownOrMalformedOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--colour=red")).withMessageContaining("unknown");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--seed")).withMessageContaining("--name=value");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--seed=x")).withMessageContaining("integer");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--latency-ms=-1")).withMessageContaining(">= 0");
	}

}
