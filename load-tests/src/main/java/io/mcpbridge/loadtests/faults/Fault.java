package io.mcpbridge.loadtests.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The faults of the suite, in the order they run by default: the ones that leave the
 * fleet whole first, the worker kill last (the fleet then has one worker left).
 */
enum Fault {

	/** Every home-sim process of every worker gets SIGKILL; the pools start new ones. */
	UPSTREAM_KILL("kill -9 every home-sim process of both workers", false),

	/**
	 * Redis gets SIGTERM, stays down for the window, then starts again on its port, empty
	 * (the fleet's Redis keeps nothing on disk): sessions, idempotency records and cached
	 * entries are gone.
	 */
	REDIS_RESTART("SIGTERM to redis-server, down for the window, started again empty on its port", true),

	/**
	 * The broker (its own JVM) gets SIGTERM (a controlled shutdown), stays down for the
	 * window, then starts again on its ports with its log directory.
	 */
	KAFKA_RESTART("SIGTERM to the Kafka broker, down for the window, started again on its ports and data", true),

	/**
	 * One of the two workers gets SIGKILL: no graceful drain, no leave from the consumer
	 * group; its partitions move once the group notices.
	 */
	WORKER_KILL("kill -9 worker-1 (of 2); not restarted", false);

	private final String action;

	private final boolean staysDown;

	Fault(String action, boolean staysDown) {
		this.action = action;
		this.staysDown = staysDown;
	}

	/** What the suite does, for the table. */
	String action() {
		return this.action;
	}

	/**
	 * The process stays down for the window and the fault ends when it is started again;
	 * otherwise the fault is over at once (the fleet heals itself) and the window is only
	 * observed.
	 */
	boolean staysDown() {
		return this.staysDown;
	}

	/** The option's spelling: {@code kafka-restart}. */
	String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * @throws IllegalArgumentException for an unknown name
	 */
	static List<Fault> parseList(String commaSeparated) {
		List<Fault> faults = new ArrayList<>();
		for (String label : commaSeparated.split(",")) {
			String wanted = label.trim();
			Fault found = null;
			for (Fault fault : values()) {
				if (fault.label().equals(wanted)) {
					found = fault;
				}
			}
			if (found == null) {
				throw new IllegalArgumentException("unknown fault '" + wanted + "'; known: " + labels());
			}
			if (faults.contains(found)) {
				throw new IllegalArgumentException("fault '" + wanted + "' listed twice");
			}
			faults.add(found);
		}
		return faults;
	}

	static String labels() {
		List<String> labels = new ArrayList<>();
		for (Fault fault : values()) {
			labels.add(fault.label());
		}
		return String.join(",", labels);
	}

}
