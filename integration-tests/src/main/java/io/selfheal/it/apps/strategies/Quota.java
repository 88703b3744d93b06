package io.selfheal.it.apps.strategies;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A dependency with a quota: the methods a rate-limit scenario weaves; each counts its runs. */
public final class Quota {
    public final AtomicLong runs = new AtomicLong();

    public String ping() {
        runs.incrementAndGet();
        return "pong";
    }

    public String burst() {
        runs.incrementAndGet();
        return "pong";
    }

    public String answered() {
        runs.incrementAndGet();
        return "fresh";
    }

    public long waited() {
        runs.incrementAndGet();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
