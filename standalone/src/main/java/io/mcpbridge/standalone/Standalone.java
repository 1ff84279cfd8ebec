package io.mcpbridge.standalone;

import java.util.Locale;

/**
 * {@code java -jar mcp-bridge-standalone.jar [--port=3003] [--home-latency-ms=0] ...}:
 * the whole system in one process, for trying it out. Ctrl-C (SIGTERM) stops everything.
 */
public final class Standalone {

	private Standalone() {
	}

	public static void main(String[] args) throws Exception {
		long started = System.nanoTime();
		StandaloneOptions options;
		try {
			options = StandaloneOptions.parse(args);
		}
		catch (IllegalArgumentException badOption) {
			System.err.println("mcp-bridge standalone: " + badOption.getMessage());
			System.exit(2);
			return;
		}
		StandaloneStack stack = StandaloneStack.start(options);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			StandaloneStack.silenceTheBrokerForExit();
			stack.close();
		}, "standalone-shutdown"));
		double seconds = (System.nanoTime() - started) / 1e9;
		String url = "http://localhost:" + stack.gatewayPort();
		System.out.printf(Locale.ROOT,
				"%nmcp-bridge ready in %.1f s: %s (kafka %s, redis 127.0.0.1:%d %s, upstream home-sim)%n"
						+ "  try: curl -s -X POST %s/mcp/initialize -H 'Content-Type: application/json' -d '{}'%n"
						+ "  probes and metrics: gateway :%d, worker :%d (/actuator/health/readiness, /metrics)%n%n",
				seconds, url, stack.kafkaBootstrap(), stack.redisPort(),
				stack.redisIsEmbedded() ? "embedded" : "reused", url, stack.gatewayManagementPort(),
				stack.workerPort());
	}

}
