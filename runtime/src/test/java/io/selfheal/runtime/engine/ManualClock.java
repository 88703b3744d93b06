package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told (sleeps move it too), so no test waits for real time. */
public final class ManualClock implements Clock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final List<Long> sleeps = new ArrayList<>();
    /** Run at each sleep, after time moved: lets a test act "during" a backoff. */
    Runnable duringSleep = () -> { };

    public void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return 1_700_000_000_000L + nanos.get() / 1_000_000L;
    }

    @Override
    public synchronized boolean sleep(long millis) {
        sleeps.add(millis);
        advanceMillis(millis);
        duringSleep.run();
        return true;
    }
}
