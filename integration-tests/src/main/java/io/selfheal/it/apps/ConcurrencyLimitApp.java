package io.selfheal.it.apps;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Issue 21: 64 caller threads over {@link SixteenWorkers} for {@code args[0]} ms. The limit is
 * read from the target's MBean every 100 ms over the second half; the app's own counts (calls
 * made, bodies run, fallbacks answered) are printed beside the agent's. Then a one-slot target
 * without a fallback refuses a second caller with ConcurrencyLimitedException. Prints
 * {@code RESULT name value} lines.
 */
public final class ConcurrencyLimitApp {
    private static final int CALLERS = 64;

    private ConcurrencyLimitApp() {
    }

    public static void main(String[] args) throws Exception {
        long millis = Long.parseLong(args[0]);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName dep = new ObjectName("io.selfheal:type=Target,name=dep");
        SixteenWorkers d = new SixteenWorkers();
        d.fetch(-1);   // woven now: the agent registers the target's MBean
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!server.isRegistered(dep) && System.nanoTime() < wait) {
            Thread.sleep(20);
        }
        LongAdder calls = new LongAdder();
        LongAdder okAnswers = new LongAdder();
        calls.increment();   // the warm-up call above
        okAnswers.increment();
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            int caller = c;
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        calls.increment();
                        if (d.fetch(caller).equals("fallback")) {
                            Thread.sleep(2);   // a refused caller does something else for a moment
                        } else {
                            okAnswers.increment();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "caller-" + c);
            threads.add(t);
            t.start();
        }
        Thread.sleep(millis / 2);
        List<Integer> limits = new ArrayList<>();
        while (System.nanoTime() < end) {
            limits.add((Integer) server.getAttribute(dep, "ConcurrencyLimit"));
            Thread.sleep(100);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        FoundationApp.print("limitMin", () -> limits.stream().mapToInt(Integer::intValue).min().orElse(-1));
        FoundationApp.print("limitMax", () -> limits.stream().mapToInt(Integer::intValue).max().orElse(-1));
        FoundationApp.print("limitMean", () -> limits.stream().mapToInt(Integer::intValue).average().orElse(-1));
        FoundationApp.print("limitSamples", () -> limits);
        FoundationApp.print("goodputPerSecond", () -> Math.round(okAnswers.sum() / seconds));
        FoundationApp.print("calls", () -> calls.sum());
        FoundationApp.print("ok", () -> okAnswers.sum());
        FoundationApp.print("bodyRuns", () -> d.runs.sum());
        FoundationApp.print("fallbacks", () -> LimitFallbacks.answered.sum());
        FoundationApp.print("maxRunning", () -> d.maxRunning.get());
        FoundationApp.print("agentCalls", () -> server.getAttribute(dep, "Calls"));
        FoundationApp.print("agentShortCircuits", () -> server.getAttribute(dep, "ShortCircuits"));
        FoundationApp.print("agentLimited", () -> server.getAttribute(dep, "ConcurrencyLimited"));
        FoundationApp.print("agentFallbacks", () -> server.getAttribute(dep, "Fallbacks"));
        FoundationApp.print("inFlightAfter", () -> server.getAttribute(dep, "InFlight"));

        SingleSlot slot = new SingleSlot();
        CountDownLatch gate = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                slot.hold(gate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        slot.entered.await(20, TimeUnit.SECONDS);
        FoundationApp.print("second", () -> slot.hold(null));
        gate.countDown();
        holder.join();
        FoundationApp.print("afterRelease", () -> slot.hold(null));
    }
}
