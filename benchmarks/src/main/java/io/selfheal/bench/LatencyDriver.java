package io.selfheal.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tail-latency driver of issue 20 (a plain program, not a JMH benchmark, not a test): a method
 * whose runs take 5 ms, and 2 % of them 500 ms (each run drawn at random, copies included), called
 * 10,000 times by 20 threads, unwoven, woven with retry only, and woven with {@code hedge: { after:
 * 20ms }}; prints p50, p99 and p99.9 of the callers' latency for each. Run with the agent and
 * {@code latency-bench.yaml} (benchmarks/README.md, Tail latency).
 */
public final class LatencyDriver {
    private static final int CALLS = 10_000;
    private static final int THREADS = 20;

    private LatencyDriver() {
    }

    /** The same slow-tail body in three classes: the config weaves two of them. */
    public static final class Plain {
        public int call(int x) throws InterruptedException {
            return slowTail(x);
        }
    }

    public static final class RetryOnly {
        public int call(int x) throws InterruptedException {
            return slowTail(x);
        }
    }

    public static final class Hedged {
        public int call(int x) throws InterruptedException {
            return slowTail(x);
        }
    }

    static int slowTail(int x) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(100) < 2 ? 500 : 5);
        return x + 1;
    }

    interface Body {
        int call(int x) throws InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : CALLS;
        Plain plain = new Plain();
        RetryOnly retry = new RetryOnly();
        Hedged hedged = new Hedged();
        System.out.println("| variant | p50 ms | p99 ms | p99.9 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        run("without healing", plain::call, calls);
        run("retry only (max-attempts 3)", retry::call, calls);
        run("hedge: { after: 20ms }", hedged::call, calls);
    }

    private static void run(String name, Body body, int calls) throws Exception {
        for (int i = 0; i < 200; i++) {
            body.call(i);   // warm up: weaving, the JIT, the hedge pool
        }
        long[] nanos = new long[calls];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < calls; ) {
                        long start = System.nanoTime();
                        if (body.call(i) != i + 1) {
                            throw new IllegalStateException("wrong answer");
                        }
                        nanos[i] = System.nanoTime() - start;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        Arrays.sort(nanos);
        System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f |%n", name, ms(nanos, 0.50), ms(nanos, 0.99),
                ms(nanos, 0.999), nanos[nanos.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
