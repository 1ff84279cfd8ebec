package io.mcpbridge.gateway.status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Namespace;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.Topics;
import io.mcpbridge.gateway.upstream.LiveUpstreams;
import io.mcpbridge.common.WorkerReport;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The workers alive now, from the reports they keep rewriting in Redis (two round trips:
 * the index entries that have not expired, then their reports), cached for
 * {@code bridge.status.cache-ttl}. A worker whose report expired is gone, whatever the
 * index still says. Only the workers of this gateway's deployment namespace count.
 */
@Component
public class WorkerDirectory implements LiveUpstreams {

	private final StringRedisTemplate redis;

	private final CachedValue<List<WorkerReport>> live;

	private final Namespace namespace;

	WorkerDirectory(StringRedisTemplate redis, StatusProperties properties, Topics topics) {
		this.redis = redis;
		this.namespace = topics.namespace();
		this.live = new CachedValue<>(this::read, properties.cacheTtl());
	}

	/**
	 * The live workers' reports, ordered by worker id.
	 * @throws RuntimeException when Redis cannot be read
	 */
	@Override
	public List<WorkerReport> liveWorkers() {
		return live.get();
	}

	/**
	 * The upstream names of all live workers, in the order their configurations list
	 * them.
	 */
	@Override
	public Set<String> upstreamNames() {
		Set<String> names = new LinkedHashSet<>();
		liveWorkers().forEach(report -> names.addAll(report.upstreamNames()));
		return names;
	}

	private List<WorkerReport> read() {
		Set<String> ids = redis.opsForZSet()
			.rangeByScore(RedisKeys.workerIndex(namespace), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		List<String> sorted = ids.stream().sorted().toList();
		List<String> stored = redis.opsForValue()
			.multiGet(sorted.stream().map(id -> RedisKeys.workerReport(namespace, id)).toList());
		List<WorkerReport> reports = new ArrayList<>();
		for (String json : Objects.requireNonNullElse(stored, List.<String>of())) {
			if (json != null) {
				reports.add(BridgeJson.mapper().readValue(json, WorkerReport.class));
			}
		}
		return List.copyOf(reports);
	}

}
