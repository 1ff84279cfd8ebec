package io.mcpbridge.gateway.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

	private final Path file;

	private final ScheduledExecutorService reloader;

	private volatile Tenants current = Tenants.NONE;

	private volatile FileTime loadedVersion;

	private volatile FileTime refusedVersion;

	TenantDirectory(SecurityProperties properties) {
		this.file = properties.apiKeys() ? Path.of(properties.tenantsFile()) : null;
		if (file == null) {
			this.reloader = null;
			return;
		}
		load(TenantsFileParser.read(file), modified());
		long everyMs = properties.reloadInterval().toMillis();
		this.reloader = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "tenants-file-reload");
			thread.setDaemon(true);
			return thread;
		});
		reloader.scheduleWithFixedDelay(this::reloadIfChanged, everyMs, everyMs, TimeUnit.MILLISECONDS);
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
		FileTime version = modified();
		if (version == null || version.equals(loadedVersion) || version.equals(refusedVersion)) {
			return;
		}
		try {
			load(TenantsFileParser.read(file), version);
		}
		catch (TenantsFileException invalid) {
			refusedVersion = version;
			log.error("tenants file changed but is invalid; the previous version stays in force: {}",
					invalid.getMessage());
		}
		catch (RuntimeException unexpected) {
			refusedVersion = version;
			log.error("tenants file changed but could not be loaded; the previous version stays in force: {}",
					unexpected.toString());
		}
	}

	private void load(List<Tenant> tenants, FileTime version) {
		current = new Tenants(tenants);
		loadedVersion = version;
		log.info("tenants file {} loaded: {} tenants", file, tenants.size());
	}

	private FileTime modified() {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (java.io.IOException gone) {
			log.warn("tenants file {} cannot be read; the loaded version stays in force", file);
			return null;
		}
	}

	@Override
	public void destroy() {
		if (reloader != null) {
			reloader.shutdownNow();
		}
	}

}
