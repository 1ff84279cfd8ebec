package io.mcpbridge.runtime;

/**
 * The seed's config file has a key the bridge does not know, or a value of the wrong
 * type.
 */
public final class SeedConfigException extends IllegalArgumentException {

	public SeedConfigException(String message) {
		super(message);
	}

}
