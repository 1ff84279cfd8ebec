package io.mcpbridge.worker.pool;

import java.util.List;

/**
 * A snapshot of one upstream's pool.
 *
 * @param upstream the upstream's name
 * @param size configured number of processes
 * @param live processes currently running and initialized
 * @param idle of those, how many wait for a call
 * @param calls calls started since start-up
 * @param errors of those, how many failed (upstream error, crash, timeout)
 * @param pids process ids of the running children
 * @param lastStartFailure why the last start attempt failed, null after a successful start
 */
public record PoolStatus(String upstream, int size, int live, int idle, long calls, long errors, List<Long> pids,
		String lastStartFailure) {
}
