package io.selfheal.it.apps.strategies;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replicated read whose first run of each call is slow or failing and whose later runs are fast:
 * what hedging is for. Records which thread ran each attempt and which attempts were interrupted.
 */
public final class Replica {
    public final AtomicInteger runs = new AtomicInteger();
    public final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<String> interrupted = new ConcurrentLinkedQueue<>();
    /** Per key, how many runs began. */
    private final ConcurrentHashMap<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
    public static final ThreadLocal<String> CALLER_LOCAL = new ThreadLocal<>();

    private int attempt(String key) {
        runs.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        return perKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The first run sleeps 3 s (interruptibly); a copy answers at once. */
    public String slowFirst(String key) throws InterruptedException {
        int n = attempt(key);
        if (n == 1) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                interrupted.add(key + "#" + n);
                throw e;
            }
            return "slow " + key + " seen " + CALLER_LOCAL.get();
        }
        return "fast " + key + " from copy " + n;
    }

    /** The first run answers at once; a copy (if one ever starts) would fail. */
    public String fastFirst(String key) {
        int n = attempt(key);
        if (n > 1) {
            throw new IllegalStateException("copy " + n + " failed");
        }
        return "fast " + key + " seen " + CALLER_LOCAL.get();
    }

    /** The first run fails after 200 ms; the copy answers after 300 ms more: the copy's value answers. */
    public String failsThenCopyAnswers(String key) throws InterruptedException {
        int n = attempt(key);
        if (n == 1) {
            Thread.sleep(200);
            throw new IllegalStateException("caller attempt failed");
        }
        Thread.sleep(300);
        return "copy " + n + " answered " + key;
    }

    /** Every run fails after a while: one failure, the caller's own. */
    public String allFail(String key) throws InterruptedException {
        int n = attempt(key);
        Thread.sleep(n == 1 ? 300 : 100);
        throw new IllegalStateException("attempt " + n + " of " + key + " failed");
    }

    /** As allFail (not calling it: it is woven too), for a target that also retries and falls back. */
    public String allFailRetried(String key) throws InterruptedException {
        int n = attempt(key);
        Thread.sleep(n == 1 ? 300 : 100);
        throw new IllegalStateException("attempt " + n + " of " + key + " failed");
    }

    /** Fast reads (1 ms); the first run of the read of "slow" takes 3 s: with after: p99 a copy answers. */
    public String p99Read(String key) throws InterruptedException {
        int n = attempt("p99" + key);
        if (key.equals("slow") && n == 1) {
            Thread.sleep(3000);
            return "slow";
        }
        Thread.sleep(1);
        return "read " + key + " #" + n;
    }

    /** The first run ignores interrupts and is slow; the copy answers: the slow run's value is dropped. */
    public int deafFirst(int x) {
        int n = attempt("deaf" + x);
        if (n == 1) {
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return -1;
        }
        return x * 10;
    }
}
