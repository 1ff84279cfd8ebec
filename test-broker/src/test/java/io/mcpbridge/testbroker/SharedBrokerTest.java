package io.mcpbridge.testbroker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedBrokerTest {

	/** What {@code bridge.namespace} accepts (common's Namespace). */
	private static final String NAMESPACE = "[a-z0-9][a-z0-9-]{0,47}";

	@Test
	void eachClassGetsANamespaceOfItsOwnThatTheAppsAccept() {
		String first = SharedBroker.namespaceFor(SharedBrokerTest.class);

		assertThat(first).matches(NAMESPACE).startsWith("it-sharedbrokertest-");
		assertThat(SharedBroker.namespaceFor(SharedBrokerTest.class)).as("another run: another namespace")
			.isNotEqualTo(first);
	}

	@Test
	void aLongClassNameIsCutToTheLimit() {
		class AVeryLongNameForAnIntegrationTestClassThatGoesOnAndOnIT {

		}
		assertThat(SharedBroker.namespaceFor(AVeryLongNameForAnIntegrationTestClassThatGoesOnAndOnIT.class))
			.matches(NAMESPACE);
	}

}
