package io.mcpbridge.homesim.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FaultInjectorTest {

	@TempDir
	Path dir;

	private static List<Fault> draws(FaultInjector injector, int count) {
		return IntStream.range(0, count).mapToObj(i -> injector.next().fault()).toList();
	}

	@Test
	void theSameSeedGivesTheSameFaultsInTheSameOrder() {
		FaultRates rates = new FaultRates(0.2, 0.2, 10, 0.1, 0.1);
		assertThat(draws(new FaultInjector(rates, null, 7), 200))
			.isEqualTo(draws(new FaultInjector(rates, null, 7), 200))
			.isNotEqualTo(draws(new FaultInjector(rates, null, 8), 200));
	}

	@Test
	void eachFaultComesAtItsRate() {
		FaultInjector injector = new FaultInjector(new FaultRates(0.3, 0.2, 10, 0.1, 0.05), null, 42);
		Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
		draws(injector, 20_000).forEach(fault -> counts.merge(fault, 1, Integer::sum));
		assertThat(counts.get(Fault.FAIL) / 20_000.0).isCloseTo(0.3, within(0.02));
		assertThat(counts.get(Fault.SLOW) / 20_000.0).isCloseTo(0.2, within(0.02));
		assertThat(counts.get(Fault.HANG) / 20_000.0).isCloseTo(0.1, within(0.02));
		assertThat(counts.get(Fault.CRASH) / 20_000.0).isCloseTo(0.05, within(0.02));
		assertThat(counts.get(Fault.NONE) / 20_000.0).isCloseTo(0.35, within(0.02));
	}

	@Test
	void aSlowCallWaitsTheConfiguredDelayAndNoRateMeansNoFault() {
		assertThat(new FaultInjector(new FaultRates(0, 1, 250, 0, 0), null, 1).next())
			.isEqualTo(new FaultInjector.Decision(Fault.SLOW, 250));
		assertThat(draws(new FaultInjector(FaultRates.NONE, null, 1), 1000)).containsOnly(Fault.NONE);
	}

	@Test
	void theFaultsFileReplacesTheRatesWhileItExistsAndATypoKeepsThemInForce() throws Exception {
		Path file = this.dir.resolve("faults");
		FaultInjector injector = new FaultInjector(FaultRates.NONE, file, 1);
		assertThat(draws(injector, 20)).containsOnly(Fault.NONE);

		Files.writeString(file, "# the upstream is down\nfail-rate = 1\n");
		assertThat(draws(injector, 20)).containsOnly(Fault.FAIL);

		Files.writeString(file, "fail-rate=1\nfial-rate=0\n");
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
		assertThat(draws(injector, 20)).as("an unparseable file keeps the rates in force").containsOnly(Fault.FAIL);

		Files.delete(file);
		assertThat(draws(injector, 20)).as("back to the command line's rates").containsOnly(Fault.NONE);
	}

}
