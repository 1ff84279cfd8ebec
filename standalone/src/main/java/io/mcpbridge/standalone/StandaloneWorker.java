package io.mcpbridge.standalone;

import io.mcpbridge.worker.WorkerApplication;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

/**
 * The worker application as it runs beside the gateway, on the standalone's classpath.
 *
 * <p>
 * That classpath carries the gateway's Spring Security, which the worker's own jar does
 * not: left alone, Boot's security defaults would put every worker endpoint (probes,
 * {@code /metrics}) behind a generated password. The worker serves nothing else, so its
 * context here goes without web security. The exclusion is added by a second
 * {@link EnableAutoConfiguration} source, whose exclusions Boot merges with those of
 * {@code worker.yaml} ({@code spring.autoconfigure.exclude}); the worker's own
 * configuration stays free of what only the standalone needs.
 */
public final class StandaloneWorker {

	private StandaloneWorker() {
	}

	/** The worker's application builder, without web security. */
	public static SpringApplicationBuilder builder() {
		return WorkerApplication.builder().sources(WithoutWebSecurity.class);
	}

	/**
	 * A worker JVM of its own on the standalone's classpath (tests start one to kill it).
	 */
	public static void main(String[] args) {
		builder().run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
			SecurityFilterAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
			ManagementWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
	static class WithoutWebSecurity {

	}

}
