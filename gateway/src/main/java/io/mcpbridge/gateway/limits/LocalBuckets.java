package io.mcpbridge.gateway.limits;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

/**
 * This gateway's own buckets, used while Redis cannot be reached: the same shapes as the
 * shared ones, so a client is still limited, but by each gateway apart (N replicas let N
 * times the budget through during an outage). Bounded: the least recently used buckets go
 * first, and an idle one goes once it would be full again anyway.
 */
class LocalBuckets {

	private final Cache<String, Bucket> buckets;

	LocalBuckets(int maxBuckets, Duration idle) {
		this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(idle).build();
	}

	Verdict consume(String key, Limit limit) {
		Bucket bucket = buckets.get(key, ignored -> Bucket.builder().addLimit(SharedBuckets.bandwidth(limit)).build());
		return Verdict.of(bucket.tryConsumeAndReturnRemaining(1), true);
	}

	long size() {
		return buckets.estimatedSize();
	}

}
