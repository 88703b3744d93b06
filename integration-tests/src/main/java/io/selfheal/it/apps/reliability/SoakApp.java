package io.selfheal.it.apps.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak: {@code threads} threads call {@link SoakService} for {@code seconds} seconds while its
 * methods fail at random. Prints its own counts and the agent's (read from the installed engine),
 * the heap after GC at a quarter of the run and at the end, and the live thread counts.
 * Arguments: seconds threads.
 */
public final class SoakApp {
    static final long FALLBACK = -1L;

    private SoakApp() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        SoakService service = new SoakService();
        LongAdder calls = new LongAdder();
        LongAdder fallbacks = new LongAdder();
        LongAdder rawCalls = new LongAdder();
        LongAdder rawThrown = new LongAdder();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // warm up both paths before the baseline, so class loading and JIT are not counted as growth
        for (int i = 0; i < 20_000; i++) {
            calls.increment();
            if (service.call(i) == FALLBACK) {
                fallbacks.increment();
            }
        }
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                long i = 0;
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 20; k++, i++) {
                        calls.increment();
                        try {
                            if (service.call(i) == FALLBACK) {
                                fallbacks.increment();
                            }
                        } catch (Exception e) {
                            throw new AssertionError("a healed call threw " + e, e);
                        }
                        rawCalls.increment();
                        try {
                            service.raw((int) i);
                        } catch (Exception e) {
                            rawThrown.increment();
                        }
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "soak-" + t);
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 250);
        long heapAtQuarter = heapAfterGc(memory);
        for (Thread w : workers) {
            w.join();
        }
        long heapAtEnd = heapAfterGc(memory);
        Thread.sleep(200);
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();

        System.out.println("RESULT appCalls " + calls.sum());
        System.out.println("RESULT appRuns " + SoakService.RUNS.sum());
        System.out.println("RESULT appFailures " + SoakService.FAILURES.sum());
        System.out.println("RESULT appRetries " + (SoakService.RUNS.sum() - calls.sum()));
        System.out.println("RESULT appFallbacks " + fallbacks.sum());
        System.out.println("RESULT appRawCalls " + rawCalls.sum());
        System.out.println("RESULT appRawFailures " + SoakService.RAW_FAILURES.sum());
        System.out.println("RESULT appRawRetries " + (SoakService.RAW_RUNS.sum() - rawCalls.sum()));
        System.out.println("RESULT appRawThrown " + rawThrown.sum());
        printAgentCounts("soak-healed", "agent");
        printAgentCounts("soak-raw", "agentRaw");
        System.out.println("RESULT heapAtQuarter " + heapAtQuarter);
        System.out.println("RESULT heapAtEnd " + heapAtEnd);
        System.out.println("RESULT threadsBefore " + threadsBefore);
        System.out.println("RESULT threadsAfter " + threadsAfter);
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            min = Math.min(min, memory.getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    /** The engine's own counters, reached through the bootstrap gateway (test code only). */
    private static void printAgentCounts(String target, String prefix) throws Exception {
        Object engine = Class.forName("io.selfheal.bootstrap.Healing").getMethod("installed").invoke(null);
        Object runtime = engine.getClass().getMethod("target", String.class).invoke(engine, target);
        Object stats = runtime.getClass().getMethod("stats").invoke(runtime);
        for (String counter : List.of("calls", "failures", "retries", "fallbacks", "healed", "unhealed")) {
            Object adder = stats.getClass().getField(counter).get(stats);
            Method sum = adder.getClass().getMethod("sum");
            String name = Character.toUpperCase(counter.charAt(0)) + counter.substring(1);
            System.out.println("RESULT " + prefix + name + " " + sum.invoke(adder));
        }
    }
}
