package io.mcpbridge.gateway.mcp;

import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.ErrorMapping;
import io.mcpbridge.gateway.session.SessionStore;
import io.mcpbridge.gateway.upstream.KnownUpstreams;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the MCP endpoint at {@code /mcp} (exact) and {@code /mcp/u/*}; the REST API's
 * {@code /mcp/initialize}, {@code /mcp/tools/...}, {@code /mcp/status} stay with Spring
 * MVC.
 */
@Configuration(proxyBeanMethods = false)
class McpEndpointConfig {

	@Bean
	ServletRegistrationBean<McpServlet> mcpEndpoint(RequestGuard guard, SessionEra sessionEra,
			StatelessEra statelessEra, StreamResumer resumer, StandaloneStreams standalone, SessionStore sessions,
			KnownUpstreams upstreams, GatewayProperties properties, ErrorMapping errors) {
		ServletRegistrationBean<McpServlet> registration = new ServletRegistrationBean<>(new McpServlet(guard,
				sessionEra, statelessEra, resumer, standalone, sessions, upstreams, properties, errors), "/mcp",
				"/mcp/u/*");
		registration.setName("mcp-endpoint");
		registration.setAsyncSupported(true);
		registration.setLoadOnStartup(1);
		return registration;
	}

}
