package io.selfheal.runtime.engine;

/** A clock tests move by hand. */
public final class ManualClock implements Clock {
    private long nanos = 1_000_000_000L;

    public void advanceMillis(long ms) {
        nanos += ms * 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return nanos / 1_000_000L;
    }

    @Override
    public boolean sleep(long millis) {
        advanceMillis(millis);
        return true;
    }
}
