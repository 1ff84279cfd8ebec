package io.mcpbridge.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up stops on a bad config file with one line naming the key, not a stack trace.
 */
class SeedConfigFailureAnalyzer extends AbstractFailureAnalyzer<SeedConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SeedConfigException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the key in the config file; its layout and the keys that take effect are in the README "
						+ "(\"The config file\") and config/bridge.yaml.",
				cause);
	}

}
