package io.mcpbridge.worker.tenancy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.tenants.Tenant;
import io.mcpbridge.common.tenants.TenantsFileSource;
import io.mcpbridge.common.tenants.TenantsFileWatch;
import io.mcpbridge.worker.config.WorkerSecurityProperties;
import io.mcpbridge.worker.pool.TenantEnvironments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Each tenant's {@code upstream-env}, from the tenants file the gateways read too. An
 * invalid file stops start-up (the message names the line); later, a changed file is read
 * again every {@code bridge.security.reload-interval} and applies to the next calls, or,
 * if invalid, is logged and ignored. Without a tenants file no tenant has variables.
 */
@Component
class TenantUpstreamEnvironments implements TenantEnvironments, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TenantUpstreamEnvironments.class);

	private final TenantsFileSource source;

	private final TenantsFileWatch watch;

	private volatile Map<String, Tenant> tenants = Map.of();

	TenantUpstreamEnvironments(WorkerSecurityProperties properties) {
		if (!properties.hasTenantsFile()) {
			this.source = null;
			this.watch = null;
			return;
		}
		this.source = new TenantsFileSource(Path.of(properties.tenantsFile()));
		load(source.load());
		this.watch = TenantsFileWatch.start(source, properties.reloadInterval(), this::load, message -> log
			.error("tenants file changed but is invalid; the previous version stays in force: {}", message));
	}

	@Override
	public Map<String, String> of(String tenant, String upstream) {
		Tenant found = tenants.get(tenant);
		return found == null ? Map.of() : found.env(upstream);
	}

	private void load(List<Tenant> loaded) {
		Map<String, Tenant> byId = new HashMap<>();
		loaded.forEach(tenant -> byId.put(tenant.id(), tenant));
		tenants = Map.copyOf(byId);
		long withEnv = loaded.stream().filter(tenant -> !tenant.upstreamEnv().isEmpty()).count();
		// Counts only: the variables are credentials.
		log.info("tenants file {} loaded: {} tenants, {} with upstream-env", source.file(), loaded.size(), withEnv);
	}

	@Override
	public void destroy() {
		if (watch != null) {
			watch.close();
		}
	}

}
