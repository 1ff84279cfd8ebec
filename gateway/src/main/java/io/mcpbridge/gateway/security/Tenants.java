package io.mcpbridge.gateway.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mcpbridge.common.tenants.Tenant;

/**
 * One loaded version of the tenants file, indexed for the request path: a presented API
 * key costs one SHA-256 and one map lookup. The map is keyed by the first 8 bytes of the
 * hash; the whole hash is then compared with {@link MessageDigest#isEqual} (constant
 * time), so no comparison's duration depends on how much of a hash matched.
 */
final class Tenants {

	static final Tenants NONE = new Tenants(List.of());

	private final Map<String, Tenant> byId = new HashMap<>();

	private final Map<Long, List<KeyOwner>> byKeyPrefix = new HashMap<>();

	/**
	 * A key's tenant.
	 *
	 * @param hash the key's SHA-256
	 * @param keyId a name of the key safe to log and to own sessions with (a hash prefix)
	 */
	record KeyOwner(byte[] hash, Tenant tenant, String keyId) {
	}

	Tenants(List<Tenant> tenants) {
		for (Tenant tenant : tenants) {
			byId.put(tenant.id(), tenant);
			for (byte[] hash : tenant.apiKeys()) {
				KeyOwner owner = new KeyOwner(hash, tenant, "key:" + HexFormat.of().formatHex(hash, 0, 6));
				byKeyPrefix.computeIfAbsent(prefix(hash), any -> new ArrayList<>(1)).add(owner);
			}
		}
	}

	/** The owner of a key given as its SHA-256, if any. */
	Optional<KeyOwner> ownerOf(byte[] hash) {
		List<KeyOwner> candidates = byKeyPrefix.get(prefix(hash));
		if (candidates == null) {
			return Optional.empty();
		}
		for (KeyOwner candidate : candidates) {
			if (MessageDigest.isEqual(candidate.hash(), hash)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	Optional<Tenant> tenant(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	int size() {
		return byId.size();
	}

	private static long prefix(byte[] hash) {
		long prefix = 0;
		for (int i = 0; i < 8; i++) {
			prefix = (prefix << 8) | (hash[i] & 0xff);
		}
		return prefix;
	}

}
