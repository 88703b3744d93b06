package io.selfheal.it.apps;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A remote dependency for the circuit-breaker, isolate and timeout tests. It counts every run of
 * every method, and tracks how many runs overlap (the bulkhead and stress tests check the maximum).
 */
public class Dependency {
    public volatile boolean up;
    public final AtomicInteger runs = new AtomicInteger();
    public final AtomicInteger running = new AtomicInteger();
    public final AtomicInteger maxRunning = new AtomicInteger();
    public volatile CountDownLatch gate = new CountDownLatch(0);
    public volatile double failureRate;
    public final AtomicInteger bodyFailures = new AtomicInteger();
    public final AtomicInteger bodySuccesses = new AtomicInteger();
    public static final ThreadLocal<String> CALLER = new ThreadLocal<>();

    public String fetch(String key) throws IOException {
        runs.incrementAndGet();
        if (!up) {
            throw new IOException("dependency down for " + key);
        }
        return "fresh " + key;
    }

    /** Holds its caller at the gate; overlapping runs are tracked. */
    public String held() throws InterruptedException {
        enterRun();
        try {
            gate.await();
            return "held";
        } finally {
            running.decrementAndGet();
        }
    }

    /** Sleeps far past any timeout; an interrupt ends it. */
    public String slow() throws InterruptedException {
        runs.incrementAndGet();
        Thread.sleep(60_000);
        return "slow finished";
    }

    /** Busy for {@code millis}, deaf to interrupts; reports the thread-local the caller set. */
    public String stubborn(long millis) {
        runs.incrementAndGet();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return "stubborn done for " + CALLER.get();
    }

    /** Fails on IOException for the first {@code failures} runs. */
    public String transientIo(int failures) throws IOException {
        if (runs.incrementAndGet() <= failures) {
            throw new IOException("transient " + runs.get());
        }
        return "io ok after " + runs.get();
    }

    public String badState() {
        runs.incrementAndGet();
        throw new IllegalStateException("not ready");
    }

    /** For the stress test: random short work, failing with {@link #failureRate}. */
    public String random() throws IOException {
        enterRun();
        try {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            LockSupport.parkNanos(r.nextLong(50_000, 300_000));
            if (r.nextDouble() < failureRate) {
                bodyFailures.incrementAndGet();
                throw new IOException("random failure");
            }
            bodySuccesses.incrementAndGet();
            return "ok";
        } finally {
            running.decrementAndGet();
        }
    }

    public volatile boolean probeFails;

    /** For the half-open test: waits at the gate (overlaps tracked), then fails or answers. */
    public String probe() throws IOException, InterruptedException {
        enterRun();
        try {
            gate.await();
            if (probeFails) {
                throw new IOException("still down");
            }
            return "probe ok";
        } finally {
            running.decrementAndGet();
        }
    }

    /** Always answers; the allocation test calls it through a closed or open breaker. */
    public String constant() throws IOException {
        if (!up) {
            throw new IOException("down");
        }
        return "constant";
    }

    private void enterRun() {
        runs.incrementAndGet();
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
    }
}
