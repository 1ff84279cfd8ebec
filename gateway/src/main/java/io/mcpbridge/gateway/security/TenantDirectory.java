package io.mcpbridge.gateway.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.mcpbridge.common.tenants.Tenant;
import io.mcpbridge.common.tenants.TenantsFileSource;
import io.mcpbridge.common.tenants.TenantsFileWatch;
import io.mcpbridge.gateway.backpressure.TenantBounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The tenants of the tenants file, as currently loaded. Start-up fails on an invalid file
 * (the message names the line); later, the file's modification time is checked every
 * {@code bridge.security.reload-interval}, and a changed file replaces the tenants at
 * once, or, if invalid, is logged and ignored (the previous version stays in force).
 * Without a tenants file it is empty.
 */
@Component
public class TenantDirectory implements TenantBounds, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

	private final TenantsFileSource source;

	private final TenantsFileWatch watch;

	private volatile Tenants current = Tenants.NONE;

	TenantDirectory(SecurityProperties properties) {
		this.source = properties.apiKeys() ? new TenantsFileSource(Path.of(properties.tenantsFile())) : null;
		if (source == null) {
			this.watch = null;
			return;
		}
		load(source.load());
		this.watch = TenantsFileWatch.start(source, properties.reloadInterval(), this::load, TenantDirectory::refused);
	}

	/** A tenant by id; empty when the file does not list it (or there is no file). */
	public Optional<Tenant> tenant(String id) {
		return current.tenant(id);
	}

	/** The tenant's own {@code max-pending}, if the file sets one. */
	@Override
	public OptionalInt maxPending(String tenant) {
		return current.tenant(tenant).map(Tenant::maxPending).orElse(OptionalInt.empty());
	}

	Optional<Tenants.KeyOwner> ownerOfKey(byte[] sha256) {
		return current.ownerOf(sha256);
	}

	/** Loads the file again if its modification time changed since the last look. */
	void reloadIfChanged() {
		TenantsFileWatch.look(source, this::load, TenantDirectory::refused);
	}

	private static void refused(String message) {
		log.error("tenants file changed but is invalid; the previous version stays in force: {}", message);
	}

	private void load(List<Tenant> tenants) {
		current = new Tenants(tenants);
		log.info("tenants file {} loaded: {} tenants", source.file(), tenants.size());
	}

	@Override
	public void destroy() {
		if (watch != null) {
			watch.close();
		}
	}

}
