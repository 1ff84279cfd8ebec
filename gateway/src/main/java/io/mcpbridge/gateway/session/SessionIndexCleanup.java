package io.mcpbridge.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Removes expired sessions from the session index once a minute, so that it holds no more
 * than the live sessions plus a minute of expired ones. Every replica does it; doing it
 * twice is harmless.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionIndexCleanup {

	private static final Logger log = LoggerFactory.getLogger(SessionIndexCleanup.class);

	private final SessionIndex index;

	SessionIndexCleanup(SessionIndex index) {
		this.index = index;
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void removeExpired() {
		try {
			long removed = index.removeExpired(System.currentTimeMillis());
			log.debug("removed {} expired sessions from the session index", removed);
		}
		catch (RuntimeException ex) {
			// Only the count in /mcp/status depends on it, and the next run catches up.
			log.info("could not clean the session index: {}", ex.toString());
		}
	}

}
