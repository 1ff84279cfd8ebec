package io.mcpbridge.common.tenants;

/**
 * The tenants file cannot be used; the message names the file and the line.
 */
public class TenantsFileException extends RuntimeException {

	TenantsFileException(String message) {
		super(message);
	}

}
