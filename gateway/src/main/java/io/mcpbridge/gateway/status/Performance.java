package io.mcpbridge.gateway.status;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.gateway.call.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code performance} section, from this gateway's request timer (all endpoints and
 * statuses together): requests, errors (5xx), mean and max response time, the rate over
 * the last minute or so, and percentiles as the seed's histogram gives them: the bucket
 * (100, 500, 1000, 2500, 5000, 10000 ms) that the percentile falls in, named
 * {@code pNN_at_most_ms}; none when it is beyond the last bucket. Read from memory: no
 * dependency can make it unavailable.
 */
@Component
class Performance {

	/**
	 * The rate is measured since a sample at least this old and, when read often, at most
	 * twice as old.
	 */
	private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

	private static final double[] PERCENTILES = { 0.50, 0.95, 0.99 };

	private record Sample(long count, long nanos) {
	}

	private final MeterRegistry registry;

	private final LongSupplier nanoClock;

	private Sample older;

	private Sample newer;

	@Autowired
	Performance(MeterRegistry registry) {
		this(registry, System::nanoTime);
	}

	Performance(MeterRegistry registry, LongSupplier nanoClock) {
		this.registry = registry;
		this.nanoClock = nanoClock;
		this.older = new Sample(0, nanoClock.getAsLong());
		this.newer = older;
	}

	synchronized ObjectNode snapshot() {
		long requests = 0;
		long errors = 0;
		double totalMs = 0;
		double maxMs = 0;
		Map<Double, Long> atMostMs = new TreeMap<>();
		for (Timer timer : registry.find(RequestMetrics.NAME).timers()) {
			requests += timer.count();
			totalMs += timer.totalTime(TimeUnit.MILLISECONDS);
			maxMs = Math.max(maxMs, timer.max(TimeUnit.MILLISECONDS));
			String status = timer.getId().getTag("status");
			if (status != null && status.startsWith("5")) {
				errors += timer.count();
			}
			for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
				atMostMs.merge(bucket.bucket(TimeUnit.MILLISECONDS), (long) bucket.count(), Long::sum);
			}
		}
		ObjectNode section = BridgeJson.mapper().createObjectNode();
		section.put("requests", requests);
		section.put("errors", errors);
		section.put("error_rate", requests == 0 ? 0.0 : round((double) errors / requests));
		section.put("avg_response_time_ms", requests == 0 ? 0.0 : round(totalMs / requests));
		section.put("max_response_time_ms", round(maxMs));
		section.put("requests_per_second", round(rate(requests)));
		for (double percentile : PERCENTILES) {
			Double bound = bucketOf(percentile, requests, atMostMs);
			if (bound != null) {
				section.put("p" + Math.round(percentile * 100) + "_at_most_ms", bound.longValue());
			}
		}
		return section;
	}

	/**
	 * Requests per second since the older of two samples taken a window apart: the rate
	 * covers the last one to two minutes when status is read at least once a minute.
	 */
	private double rate(long requests) {
		long now = nanoClock.getAsLong();
		if (now - newer.nanos() >= RATE_WINDOW_NANOS) {
			older = newer;
			newer = new Sample(requests, now);
		}
		double seconds = (now - older.nanos()) / 1e9;
		return seconds <= 0 ? 0.0 : (requests - older.count()) / seconds;
	}

	/**
	 * The smallest bucket bound holding the percentile; null beyond the last bucket or
	 * without requests.
	 */
	private static Double bucketOf(double percentile, long requests, Map<Double, Long> cumulativeAtMostMs) {
		if (requests == 0) {
			return null;
		}
		for (Map.Entry<Double, Long> bucket : cumulativeAtMostMs.entrySet()) {
			if (bucket.getValue() >= Math.ceil(percentile * requests)) {
				return bucket.getKey();
			}
		}
		return null;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
