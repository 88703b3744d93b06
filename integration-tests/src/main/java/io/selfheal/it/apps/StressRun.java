package io.selfheal.it.apps;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The concurrency stress scenario: many threads call {@link Dependency#random} for a fixed time
 * while its failure rate swings between low and high, so the circuit opens, half-opens and closes
 * over and over and the bulkhead is full much of the time. The app counts every outcome itself and
 * prints them next to the engine's own counts (read through the installed handler), so the test
 * can check that no call was counted twice or lost.
 */
final class StressRun {
    private StressRun() {
    }

    static void run(Dependency d, int threads, long millis) throws Exception {
        LongAdder calls = new LongAdder();
        LongAdder ok = new LongAdder();
        LongAdder ioFailures = new LongAdder();
        LongAdder circuitOpen = new LongAdder();
        LongAdder isolated = new LongAdder();
        LongAdder other = new LongAdder();
        long end = System.nanoTime() + millis * 1_000_000L;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < end) {
                    calls.increment();
                    try {
                        d.random();
                        ok.increment();
                    } catch (java.io.IOException e) {
                        ioFailures.increment();
                    } catch (RuntimeException e) {
                        String n = e.getClass().getSimpleName();
                        LockSupport.parkNanos(100_000);   // refused: do not spin on a shared machine
                        if (n.equals("CircuitOpenException")) {
                            circuitOpen.increment();
                        } else if (n.equals("IsolatedException")) {
                            isolated.increment();
                        } else {
                            other.increment();
                            System.err.println("unexpected: " + e);
                        }
                    }
                }
            }, "stress-" + i);
            t.start();
            all.add(t);
        }
        start.countDown();
        // Swing the failure rate: healthy, then failing, so the breaker cycles through its states.
        boolean failing = false;
        while (System.nanoTime() < end) {
            d.failureRate = failing ? 0.9 : 0.05;
            failing = !failing;
            Thread.sleep(40);
        }
        for (Thread t : all) {
            t.join();
        }
        Object engine = Class.forName("io.selfheal.bootstrap.Healing").getMethod("installed").invoke(null);
        Object target = engine.getClass().getMethod("target", String.class).invoke(engine, "stress");
        Object stats = target.getClass().getMethod("stats").invoke(target);
        for (String counter : List.of("calls", "failures", "retries", "healed", "fallbacks", "unhealed",
                "shortCircuits")) {
            Object adder = stats.getClass().getField(counter).get(stats);
            System.out.println("RESULT engine." + counter + " " + adder.getClass().getMethod("sum").invoke(adder));
        }
        Method inFlight = target.getClass().getMethod("callsInFlight");
        System.out.println("RESULT engine.callsInFlight " + inFlight.invoke(target));
        System.out.println("RESULT app.calls " + calls.sum());
        System.out.println("RESULT app.ok " + ok.sum());
        System.out.println("RESULT app.ioFailures " + ioFailures.sum());
        System.out.println("RESULT app.circuitOpen " + circuitOpen.sum());
        System.out.println("RESULT app.isolated " + isolated.sum());
        System.out.println("RESULT app.other " + other.sum());
        System.out.println("RESULT app.bodyRuns " + d.runs.get());
        System.out.println("RESULT app.bodyFailures " + d.bodyFailures.get());
        System.out.println("RESULT app.bodySuccesses " + d.bodySuccesses.get());
        System.out.println("RESULT app.maxRunning " + d.maxRunning.get());
        System.out.flush();
    }
}
