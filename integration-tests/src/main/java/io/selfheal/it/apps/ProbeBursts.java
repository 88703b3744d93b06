package io.selfheal.it.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The half-open scenario: the circuit is opened, {@code open-for} is let pass, then many threads
 * call at once while every body that runs waits at a gate. Since no call was running when the
 * burst began, every body that runs is a probe; the app counts them itself (bodies run, and the
 * most running at once) and prints the largest burst. Probes fail in even cycles (the circuit
 * reopens) and succeed in odd ones (it closes).
 */
final class ProbeBursts {
    private ProbeBursts() {
    }

    static void run(Dependency d, int cycles, int threads, long openForMillis) throws Exception {
        int maxProbes = 0;
        int maxRunning = 0;
        int bursts = 0;
        List<String> states = new ArrayList<>();
        for (int cycle = 0; cycle < cycles; cycle++) {
            d.gate = new CountDownLatch(0);
            d.probeFails = true;
            try {
                d.probe();   // opens a closed circuit (threshold 1); an open one short-circuits it
            } catch (Exception expected) {
                // IOException or CircuitOpenException
            }
            Thread.sleep(openForMillis + 30);
            d.probeFails = cycle % 2 == 0;
            d.gate = new CountDownLatch(1);
            d.maxRunning.set(0);
            int runsBefore = d.runs.get();
            AtomicInteger finished = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        d.probe();
                    } catch (Exception refusedOrFailed) {
                        // counted by the bodies that ran, not here
                    } finally {
                        finished.incrementAndGet();
                    }
                });
                t.start();
                all.add(t);
            }
            start.countDown();
            // Wait until every caller not held at the gate has returned: then all probes are in.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (finished.get() + d.running.get() < threads && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            Thread.sleep(20);
            int probes = d.runs.get() - runsBefore;
            maxProbes = Math.max(maxProbes, probes);
            maxRunning = Math.max(maxRunning, d.maxRunning.get());
            if (probes > 0) {
                bursts++;
            }
            d.gate.countDown();
            for (Thread t : all) {
                t.join();
            }
            states.add(GuardsApp.circuitState("probes"));
        }
        System.out.println("RESULT probes.maxPerBurst " + maxProbes);
        System.out.println("RESULT probes.maxRunning " + maxRunning);
        System.out.println("RESULT probes.burstsWithProbes " + bursts);
        System.out.println("RESULT probes.statesAfter " + String.join(",", states));
        System.out.flush();
    }
}
