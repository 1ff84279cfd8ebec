package io.mcpbridge.standalone.security;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports (does not assert) what authentication costs: the same cached read (answered by
 * the gateway's L1, so the gateway's own work dominates) through an open gateway and
 * through one with a tenants file (API key as Bearer), in alternating rounds; latency
 * p50/p99 and this JVM's CPU per call (client and gateways share the JVM: the difference
 * is the authentication's). Excluded by default; run with
 * {@code ./mvnw -o -pl standalone -am test -Dsurefire.excludedGroups= -Dgroups=report
 * -Dtest=AuthenticationCostReportIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("report")
@ExtendWith(SharedStack.class)
class AuthenticationCostReportIT {

	private static final int ROUNDS = 6;

	private static final int CALLS = 300;

	private static final String KEY = "cost-key-" + System.nanoTime();

	private static final String READ = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"switch.tv\"}}";

	@TempDir
	static Path folder;

	@Test
	void reportsLatencyAndCpuOfAnAuthenticatedCallAgainstAnOpenOne(StandaloneStack stack) throws IOException {
		Path tenants = folder.resolve("tenants.yaml");
		Files.writeString(tenants, "tenants:\n  - id: cost-" + System.nanoTime() + "\n    api-keys: [\""
				+ TenantIsolationIT.hash(KEY) + "\"]\n");
		try (ExtraGateway open = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort());
				ExtraGateway secured = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(),
						"bridge.security.tenants-file=" + tenants)) {
			Client openClient = new Client(open.http(), new String[0]);
			Client securedClient = new Client(secured.http(), new String[] { "Authorization", "Bearer " + KEY });
			openClient.run(CALLS);
			securedClient.run(CALLS);
			for (int round = 0; round < ROUNDS; round++) {
				openClient.measure(CALLS);
				securedClient.measure(CALLS);
			}
			System.out.printf("authentication cost report: open p50 %.3f ms p99 %.3f ms %.3f ms CPU/call;"
					+ " API key p50 %.3f ms p99 %.3f ms %.3f ms CPU/call (%d calls each, not 200: %d open, %d API key,"
					+ " load %s)%n", openClient.percentile(50), openClient.percentile(99), openClient.cpuPerCallMs(),
					securedClient.percentile(50), securedClient.percentile(99), securedClient.cpuPerCallMs(),
					ROUNDS * CALLS, openClient.refused, securedClient.refused,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			assertThat(securedClient.latencies).hasSize(ROUNDS * CALLS);
		}
	}

	private static final class Client {

		private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();

		private final BridgeHttp http;

		private final String[] credentials;

		private final String session;

		private final List<Long> latencies = new ArrayList<>();

		private long cpuNanos;

		private int refused;

		Client(BridgeHttp http, String[] credentials) {
			this.http = http;
			this.credentials = credentials;
			BridgeHttp.Response init = http.post("/mcp/initialize", "{}", credentials);
			assertThat(init.status()).as(init.toString()).isEqualTo(200);
			this.session = init.json().path("result").path("session_id").asString();
		}

		void run(int calls) {
			String[] headers = headers();
			for (int i = 0; i < calls; i++) {
				http.post("/mcp/tools/call", READ, headers);
			}
		}

		void measure(int calls) {
			String[] headers = headers();
			long cpuBefore = OS.getProcessCpuTime();
			for (int i = 0; i < calls; i++) {
				long start = System.nanoTime();
				BridgeHttp.Response response = http.post("/mcp/tools/call", READ, headers);
				latencies.add(System.nanoTime() - start);
				if (response.status() != 200) {
					// A saturated machine sheds some calls (503): counted, not fatal to a
					// report.
					refused++;
				}
			}
			cpuNanos += OS.getProcessCpuTime() - cpuBefore;
		}

		private String[] headers() {
			String[] headers = new String[credentials.length + 2];
			System.arraycopy(credentials, 0, headers, 0, credentials.length);
			headers[credentials.length] = "X-Session-ID";
			headers[credentials.length + 1] = session;
			return headers;
		}

		double percentile(int p) {
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
		}

		double cpuPerCallMs() {
			return cpuNanos / 1e6 / latencies.size();
		}

	}

}
