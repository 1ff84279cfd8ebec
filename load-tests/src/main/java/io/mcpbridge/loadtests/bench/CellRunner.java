package io.mcpbridge.loadtests.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one cell: {@code clients} closed-loop clients, each calling as fast as answers
 * come, until the time or the call budget is spent. Samples the target's RSS every 200 ms
 * and its CPU time before and after.
 */
final class CellRunner {

	private final Duration limits;

	CellRunner(Duration limits) {
		this.limits = limits;
	}

	/** Time and count bounds of one cell. */
	record Duration(double seconds, long maxCalls) {
	}

	CellResult run(CallTarget target, List<CallTarget.Caller> callers) throws InterruptedException {
		int clients = callers.size();
		AtomicLong budget = new AtomicLong(limits.maxCalls());
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		List<long[]> perClient = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		AtomicLong peakRss = new AtomicLong(target.processes().rssBytes());
		sampler.scheduleAtFixedRate(() -> peakRss.accumulateAndGet(target.processes().rssBytes(), Math::max), 200, 200,
				TimeUnit.MILLISECONDS);
		double cpuBefore = target.processes().cpuSeconds();
		long deadline = System.nanoTime() + (long) (limits.seconds() * 1e9);
		List<Future<long[]>> futures = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			futures.add(pool.submit(() -> {
				long[] latencies = new long[1024];
				int n = 0;
				start.await();
				for (int i = 0; System.nanoTime() < deadline && budget.getAndDecrement() > 0; i++) {
					String entity = CallTarget.ENTITIES.get((client * 7 + i) % CallTarget.ENTITIES.size());
					long t0 = System.nanoTime();
					try {
						callers.get(client).call(entity);
						if (n == latencies.length) {
							latencies = Arrays.copyOf(latencies, n * 2);
						}
						latencies[n++] = System.nanoTime() - t0;
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.toString());
					}
				}
				return Arrays.copyOf(latencies, n);
			}));
		}
		long began = System.nanoTime();
		start.countDown();
		for (Future<long[]> future : futures) {
			try {
				perClient.add(future.get());
			}
			catch (java.util.concurrent.ExecutionException ex) {
				errors.incrementAndGet();
				firstError.compareAndSet(null, ex.getCause().toString());
			}
		}
		double seconds = (System.nanoTime() - began) / 1e9;
		double cpu = target.processes().cpuSeconds() - cpuBefore;
		sampler.shutdownNow();
		pool.shutdownNow();
		long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return new CellResult(target.name(), clients, all, errors.get(), seconds, cpu, peakRss.get(), firstError.get());
	}

}
