package io.mcpbridge.redisprocess;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisProcessIT {

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	void startsARealRedisWhereNoneAnswersAndStopsItOnClose() throws IOException {
		int port = freePort();
		assertThat(RedisProcess.answersPing(port)).isFalse();
		try (RedisProcess redis = RedisProcess.reuseOrStart(port)) {
			assertThat(redis.isStartedHere()).isTrue();
			assertThat(RedisProcess.answersPing(port)).isTrue();
		}
		assertThat(RedisProcess.answersPing(port)).isFalse();
	}

	@Test
	void reusesARedisThatAlreadyAnswersAndLeavesItRunning() throws IOException {
		int port = freePort();
		try (RedisProcess first = RedisProcess.reuseOrStart(port)) {
			RedisProcess second = RedisProcess.reuseOrStart(port);
			assertThat(second.isStartedHere()).isFalse();
			second.close();
			assertThat(RedisProcess.answersPing(port)).isTrue();
		}
	}

	@Test
	void theTestSessionHasARedisOnTheDefaultPort() {
		// TestRedisSession (registered for this module's tests too) ran before any test.
		assertThat(RedisProcess.answersPing(TestRedisSession.PORT)).isTrue();
	}

}
