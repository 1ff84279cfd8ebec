package io.mcpbridge.standalone.queue;

import io.mcpbridge.common.Namespace;
import io.mcpbridge.common.Topics;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

/**
 * Where a queue test's workers and requests meet: a broker and a deployment namespace
 * (topics and consumer group) that no other test class on that broker uses.
 *
 * @param bootstrap the broker's {@code bootstrap.servers}
 * @param topics the names of the namespace
 */
public record QueueLane(String bootstrap, Topics topics) {

	/** A namespace of the test class's own on the shared broker. */
	static QueueLane of(TestBroker kafka, Class<?> testClass) {
		return new QueueLane(kafka.bootstrapServers(), Topics.of(Namespace.of(SharedBroker.namespaceFor(testClass))));
	}

	/** The default namespace, on a broker of its own (a standalone stack's). */
	public static QueueLane defaultNamespace(String bootstrap) {
		return new QueueLane(bootstrap, Topics.DEFAULT);
	}

	/** The {@code bridge.namespace} setting of the lane's workers. */
	String namespaceSetting() {
		return "--bridge.namespace=" + topics.namespace().name();
	}

}
