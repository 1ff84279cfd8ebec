package io.mcpbridge.gateway.status;

import java.time.Duration;
import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Topics;
import io.mcpbridge.gateway.cache.CacheStats;
import io.mcpbridge.common.WorkerReport;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.limits.RateLimitStatus;
import io.mcpbridge.gateway.session.SessionStore;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The whole {@code /mcp/status} document: the seed's sections ({@code bridge},
 * {@code sessions}, {@code queue}, {@code cache}, {@code performance}) plus
 * {@code upstreams}, {@code workers} and {@code circuit_breakers}. Every part that needs
 * Redis or Kafka is cached briefly, so the page is cheap to poll, and is guarded, so a
 * dependency that is down marks its sections unavailable and the rest is served.
 */
@Component
class StatusDocument {

	private final long startedNanos = System.nanoTime();

	private final WorkerDirectory workers;

	private final CachedValue<Long> activeSessions;

	private final QueueOffsets queue;

	private final Performance performance;

	private final String gatewayId;

	private final Duration idleTtl;

	private final String version;

	private final CacheStats cache;

	private final RateLimitStatus rateLimits;

	private final Topics topics;

	StatusDocument(WorkerDirectory workers, SessionStore sessions, QueueOffsets queue, Performance performance,
			CacheStats cache, GatewayProperties gateway, StatusProperties properties,
			ObjectProvider<BuildProperties> build, RateLimitStatus rateLimits, Topics topics) {
		this.workers = workers;
		this.topics = topics;
		this.cache = cache;
		this.rateLimits = rateLimits;
		this.activeSessions = new CachedValue<>(sessions::countActive, properties.cacheTtl());
		this.queue = queue;
		this.performance = performance;
		this.gatewayId = gateway.gatewayId();
		this.idleTtl = gateway.sessions().idleTtl();
		BuildProperties info = build.getIfAvailable();
		this.version = info != null ? info.getVersion() : "unknown";
	}

	ObjectNode build() {
		ObjectNode document = BridgeJson.mapper().createObjectNode();
		ObjectNode bridge = document.putObject("bridge");
		// One read of the reports per document: sections built from two reads could
		// disagree when
		// the cached list is refreshed between them (a worker counted in one section, not
		// another).
		Reports reports = readReports();
		List<WorkerReport> live = reports.live();
		document.set("sessions",
				Sections.guarded("sessions", () -> Sections.sessions(activeSessions.get(), idleTtl.toSeconds())));
		document.set("queue", Sections.guarded("queue", () -> Sections.queue(topics, queue.byPriority(), live)));
		document.set("cache", Sections.guarded("cache", () -> BridgeJson.mapper().valueToTree(cache.snapshot())));
		document.set("performance", performance.snapshot());
		document.set("rate_limits", BridgeJson.mapper().valueToTree(rateLimits.snapshot()));
		document.set("upstreams", Sections.guarded("upstreams", () -> UpstreamTotals.of(reports.orThrow())));
		document.set("workers", Sections.guarded("workers", () -> Sections.workers(reports.orThrow())));
		document.set("circuit_breakers", Sections.guarded("circuit_breakers",
				() -> CircuitBreakers.of(reports.orThrow(), System.currentTimeMillis())));
		bridge.put("status", live == null || live.isEmpty() || anyUnavailable(document) ? "degraded" : "healthy");
		bridge.put("version", version);
		bridge.put("uptime_seconds", Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds());
		bridge.put("gateway_id", gatewayId);
		if (live != null) {
			bridge.put("workers", live.size());
		}
		return document;
	}

	private Reports readReports() {
		try {
			return new Reports(workers.liveWorkers(), null);
		}
		catch (RuntimeException redisDown) {
			return new Reports(null, redisDown);
		}
	}

	/**
	 * The live workers' reports as read once for a document, or why they could not be
	 * read.
	 *
	 * @param live null when Redis could not be read
	 */
	private record Reports(List<WorkerReport> live, RuntimeException failure) {

		/**
		 * For a guarded section: the reports, or the failure that marks the section
		 * unavailable.
		 */
		List<WorkerReport> orThrow() {
			if (failure != null) {
				throw failure;
			}
			return live;
		}
	}

	private static boolean anyUnavailable(ObjectNode document) {
		return document.properties().stream().anyMatch(section -> Sections.isUnavailable(section.getValue()));
	}

}
