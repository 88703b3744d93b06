package io.selfheal.runtime.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code isolate.max-concurrent}: at most that many calls of the target run at once; a call beyond
 * it is short-circuited at once (it never waits). A permit is taken by CAS only while fewer than
 * the maximum are held, so the count of admitted calls never exceeds it, even for an instant.
 */
final class Bulkhead {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    Bulkhead(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        for (;;) {
            int now = inFlight.get();
            if (now >= max) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    int max() {
        return max;
    }
}
