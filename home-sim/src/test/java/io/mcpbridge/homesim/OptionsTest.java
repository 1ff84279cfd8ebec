package io.mcpbridge.homesim;

import java.nio.file.Path;

import io.mcpbridge.homesim.fault.FaultRates;
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
	void parsesFaultOptionsAndKeepsTheDefaultSlowDelay() {
		Options options = Options.parse("--fail-rate=0.25", "--hang-rate=0.05", "--crash-rate=0.01",
				"--faults-file=/tmp/faults");
		assertThat(options.faults()).isEqualTo(new FaultRates(0.25, 0, FaultRates.DEFAULT_SLOW_MS, 0.05, 0.01));
		assertThat(options.faultsFile()).isEqualTo(Path.of("/tmp/faults"));
		assertThat(Options.parse("--slow-rate=1", "--slow-ms=300").faults()).isEqualTo(new FaultRates(0, 1, 300, 0, 0));
	}

	@Test
	void rejectsFaultRatesOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--fail-rate=1.5"))
			.withMessageContaining("--fail-rate must be between 0 and 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--crash-rate=often"))
			.withMessageContaining("--crash-rate must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--fail-rate=0.6", "--hang-rate=0.6"))
			.withMessageContaining("add up to 1.2");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--slow-ms=-1"))
			.withMessageContaining("--slow-ms must be >= 0");
	}

	@Test
	void rejectsUnknownOrMalformedOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--colour=red"))
			.withMessageContaining("unknown");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--seed"))
			.withMessageContaining("--name=value");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--seed=x"))
			.withMessageContaining("integer");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--latency-ms=-1"))
			.withMessageContaining(">= 0");
	}

}
