package io.mcpbridge.testbroker;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Kafka broker for every test class of a test JVM that asks for it, instead of one
 * per class: started on first use ({@link TestBroker#start}, so a container where Docker
 * answers, else the embedded KRaft broker), stopped when the JVM's tests end (the root
 * extension context's store closes what it holds). A class asks by declaring a
 * {@link TestBroker} parameter:
 *
 * <pre>
 * &#64;ExtendWith(SharedBroker.class)
 * class SomeIT {
 *
 *     private static final String NAMESPACE = SharedBroker.namespaceFor(SomeIT.class);
 *
 *     &#64;BeforeAll
 *     static void start(TestBroker kafka) { ... "--bridge.namespace=" + NAMESPACE ... }
 * </pre>
 *
 * Classes on one broker must not meet: each runs its apps in a namespace of its own
 * ({@code bridge.namespace}: topics, consumer group and worker reports of its own), and
 * names any topic or group it makes by hand after it. Classes that stop or restart their
 * broker keep one of their own ({@link TestBroker#start}).
 * <p>
 * The broker's own partition count (for topics a client auto-creates) is
 * {@value #PARTITIONS}; the apps create their request topics with
 * {@code bridge.kafka.partitions} before they use them.
 */
public final class SharedBroker implements ParameterResolver {

	/** Partitions of topics the broker auto-creates. */
	public static final int PARTITIONS = 3;

	private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(SharedBroker.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == TestBroker.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		// The root store lives as long as the JVM's test run and closes its AutoCloseable
		// values when the run ends.
		return context.getRoot()
			.getStore(STORE)
			.computeIfAbsent("broker", key -> new Running(TestBroker.start(PARTITIONS)), Running.class)
			.view();
	}

	/**
	 * A namespace of one test class's own: its simple name in lower case and a random
	 * suffix, so that two runs on one Redis (another build on the machine) do not meet
	 * either. Legal as {@code bridge.namespace} (lower-case letters, digits, '-', at most
	 * 48 characters).
	 */
	public static String namespaceFor(Class<?> testClass) {
		String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return "it-" + name.substring(0, Math.min(name.length(), 36)) + "-" + suffix;
	}

	/** The broker while the run lasts; the store stops it at the end. */
	private record Running(TestBroker broker) implements AutoCloseable {

		/** What the classes get: a broker they may close without stopping it. */
		TestBroker view() {
			return new TestBroker() {

				@Override
				public String bootstrapServers() {
					return broker.bootstrapServers();
				}

				@Override
				public String description() {
					return "shared " + broker.description();
				}

				/** Left to the store: other classes still use the broker. */
				@Override
				public void close() {
				}

			};
		}

		@Override
		public void close() {
			broker.close();
		}

	}

}
