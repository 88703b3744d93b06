package io.selfheal.it.apps;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenarios for circuit breaker, isolate, bulkhead, timeout and the order of healing. Prints
 * {@code RESULT name value} lines (see {@link FoundationApp#print}).
 */
public final class GuardsApp {
    private GuardsApp() {
    }

    public static void main(String[] args) throws Exception {
        Dependency d = new Dependency();
        switch (args[0]) {
            case "breaker": {
                for (int i = 1; i <= 5; i++) {
                    int n = i;
                    FoundationApp.print("call" + n, () -> d.fetch("k" + n));
                }
                FoundationApp.print("runs", () -> d.runs.get());
                d.up = true;
                Thread.sleep(Long.parseLong(args[1]));
                FoundationApp.print("probe", () -> d.fetch("p"));
                FoundationApp.print("after", () -> d.fetch("a"));
                FoundationApp.print("runsAtEnd", () -> d.runs.get());
                break;
            }
            case "isolate": {
                for (int i = 1; i <= 4; i++) {
                    int n = i;
                    FoundationApp.print("call" + n, () -> d.fetch("k" + n));
                }
                FoundationApp.print("runs", () -> d.runs.get());
                d.up = true;
                Thread.sleep(Long.parseLong(args[1]));
                FoundationApp.print("released", () -> d.fetch("r"));
                break;
            }
            case "bulkhead": {
                int callers = 6;
                d.gate = new CountDownLatch(1);
                Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
                CountDownLatch done = new CountDownLatch(callers);
                for (int i = 0; i < callers; i++) {
                    new Thread(() -> {
                        String o;
                        try {
                            o = d.held();
                        } catch (Throwable t) {
                            o = t.getClass().getSimpleName();
                        }
                        outcomes.computeIfAbsent(o, k -> new LongAdder()).increment();
                        done.countDown();
                    }).start();
                }
                // The refused callers return at once; the admitted ones wait at the gate.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (sum(outcomes) < callers - 2 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                FoundationApp.print("inBodyWhileFull", () -> d.running.get());
                d.gate.countDown();
                done.await(30, TimeUnit.SECONDS);
                FoundationApp.print("held", () -> count(outcomes, "held"));
                FoundationApp.print("refused", () -> count(outcomes, "IsolatedException"));
                FoundationApp.print("maxRunning", () -> d.maxRunning.get());
                FoundationApp.print("afterwards", () -> d.held());
                break;
            }
            case "timeout": {
                Thread.currentThread().setName("caller-thread");
                long start = System.nanoTime();
                FoundationApp.print("slow", d::slow);
                FoundationApp.print("slowMillis", () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 20_000);
                FoundationApp.print("interruptedAfter", () -> Thread.currentThread().isInterrupted());
                FoundationApp.print("slowRuns", () -> d.runs.get());
                Dependency.CALLER.set("caller-thread-local");
                FoundationApp.print("stubborn", () -> d.stubborn(Long.parseLong(args[1])));
                FoundationApp.print("interruptedAfterStubborn", () -> Thread.currentThread().isInterrupted());
                break;
            }
            case "strategies": {
                FoundationApp.print("io", () -> d.transientIo(1));
                FoundationApp.print("ioRuns", () -> d.runs.get());
                d.runs.set(0);
                FoundationApp.print("state", d::badState);
                FoundationApp.print("stateRuns", () -> d.runs.get());
                break;
            }
            case "order": {
                FoundationApp.print("order", () -> d.fetch("x"));
                FoundationApp.print("runs", () -> d.runs.get());
                FoundationApp.print("next", () -> d.fetch("y"));
                FoundationApp.print("runsAtEnd", () -> d.runs.get());
                break;
            }
            case "alloc": {
                allocation(d);
                break;
            }
            case "probes": {
                ProbeBursts.run(d, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
                break;
            }
            case "stress": {
                StressRun.run(d, Integer.parseInt(args[1]), Long.parseLong(args[2]));
                break;
            }
            default:
                throw new IllegalArgumentException("no scenario " + args[0]);
        }
    }

    /** Bytes allocated per call by the calling thread, through a closed and then an open breaker. */
    private static void allocation(Dependency d) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        d.up = true;
        int calls = 200_000;
        for (int i = 0; i < calls; i++) {
            d.constant();   // warm up: the JIT compiles the woven method and the engine
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            d.constant();
        }
        long closed = threads.getThreadAllocatedBytes(id) - before;
        d.up = false;
        FoundationApp.print("opening", d::constant);   // one failure opens the circuit (threshold 1)
        for (int i = 0; i < calls; i++) {
            d.constant();
        }
        before = threads.getThreadAllocatedBytes(id);
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Object a = d.constant();
            if (i % 50_000 == 0) {
                answers.add(a);
            }
        }
        long open = threads.getThreadAllocatedBytes(id) - before;
        FoundationApp.print("answer", () -> answers.get(0));
        FoundationApp.print("closedBytesPerCall", () -> (double) closed / calls);
        FoundationApp.print("openBytesPerCall", () -> (double) open / calls);
    }

    private static long sum(Map<String, LongAdder> m) {
        return m.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static long count(Map<String, LongAdder> m, String key) {
        LongAdder a = m.get(key);
        return a == null ? 0 : a.sum();
    }


    /** The named target's circuit state, read from the installed engine (the JMX view, without JMX). */
    static String circuitState(String target) throws Exception {
        Object engine = Class.forName("io.selfheal.bootstrap.Healing").getMethod("installed").invoke(null);
        Object t = engine.getClass().getMethod("target", String.class).invoke(engine, target);
        return String.valueOf(t.getClass().getMethod("circuitState").invoke(t));
    }
}
