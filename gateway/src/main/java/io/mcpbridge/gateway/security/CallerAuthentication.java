package io.mcpbridge.gateway.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An authenticated caller: the tenant it acts for and the owner of what it creates (an
 * API key's id, or a JWT's subject). Holds no credential.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final String tenant;

	private final String owner;

	private final boolean operator;

	CallerAuthentication(String tenant, String owner, boolean operator) {
		super(List.of());
		this.tenant = tenant;
		this.owner = owner;
		this.operator = operator;
		setAuthenticated(true);
	}

	String tenant() {
		return tenant;
	}

	/** {@code key:<hash prefix>} or {@code jwt:<subject>}. */
	String owner() {
		return owner;
	}

	boolean operator() {
		return operator;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return owner;
	}

	@Override
	public String getName() {
		return owner;
	}

}
