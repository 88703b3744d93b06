package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.config.IsolateConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A target's quarantine. Every target has one, since an operator may isolate any target; a target
 * without {@code isolate.after} only pays one volatile read per call to see it is not isolated.
 * Entering and leaving quarantine happen under this object's lock and are reported once; the check
 * at enter reads the clock only while the target is isolated.
 */
final class Isolation {
    /** Told about each change, once. */
    interface Listener {
        /**
         * @param by who isolated or released the target by hand, or {@code null} when failures (or time) did
         * @param cause the failure that isolated the target, or {@code null}
         */
        void isolationChanged(boolean isolated, String reason, Initiator by, long forMillis, Throwable cause);
    }

    private final int after;
    private final long forNanos;
    private final Clock clock;
    private final Listener listener;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile boolean isolated;
    private volatile boolean untilReleased;
    private volatile long untilNanos;
    private volatile long untilMillis;
    private volatile long sinceMillis;
    private volatile String reason;

    Isolation(IsolateConfig config, Clock clock, Listener listener) {
        this.after = config == null ? 0 : config.after();
        this.forNanos = config == null ? 0 : config.duration().toNanos();
        this.clock = clock;
        this.listener = listener;
    }

    /** True when failures may isolate the target (so success must reset the run of failures). */
    boolean countsFailures() {
        return after > 0;
    }

    /** The cheap check for the fast path: may the target be isolated? */
    boolean maybeIsolated() {
        return isolated;
    }

    /** True when calls must short-circuit now; releases the target when its time is up. */
    boolean blocks() {
        if (!isolated) {
            return false;
        }
        if (untilReleased || clock.nanoTime() - untilNanos < 0) {
            return true;
        }
        release(null);
        return isolated;
    }

    /** When the quarantine ends (epoch millis), or -1 when it lasts until released. */
    long untilMillis() {
        return untilReleased ? -1 : untilMillis;
    }

    void onSuccess() {
        if (after > 0 && failuresInARow.get() != 0) {
            failuresInARow.set(0);
        }
    }

    /** A counted failure; isolates the target at {@code after} in a row. */
    void onFailure(Throwable cause) {
        if (after > 0 && failuresInARow.incrementAndGet() >= after) {
            isolate(after + " failures in a row", null, forNanos, false, cause);
        }
    }

    /** Isolated until {@link #release}, by {@code by}. */
    void isolateUntilReleased(Initiator by) {
        isolate(by.reason("isolated"), by, 0, true, null);
    }

    /** Isolated for {@code millis}, by {@code by} (a remembered or adaptive quarantine). */
    void isolateFor(long millis, Initiator by) {
        isolate(by.reason("isolated"), by, Math.max(0, millis) * 1_000_000L, false, null);
    }

    /** When the current quarantine began (epoch millis); meaningful only while isolated. */
    long sinceMillis() {
        return sinceMillis;
    }

    /** Why the current quarantine began; meaningful only while isolated. */
    String reason() {
        return reason;
    }

    private void isolate(String reason, Initiator by, long nanos, boolean indefinitely, Throwable cause) {
        synchronized (this) {
            if (isolated && !indefinitely) {
                return;
            }
            untilReleased = indefinitely;
            sinceMillis = clock.currentTimeMillis();
            this.reason = reason;
            untilNanos = clock.nanoTime() + nanos;
            untilMillis = sinceMillis + nanos / 1_000_000;
            failuresInARow.set(0);
            isolated = true;
        }
        listener.isolationChanged(true, reason, by, indefinitely ? -1 : nanos / 1_000_000, cause);
    }

    /**
     * Ends the quarantine: by hand ({@code by} not null), whoever started it, whenever it is
     * isolated; else (the time is up) only when its time has passed. Nothing happens when the
     * target is not isolated.
     */
    void release(Initiator by) {
        String reason = by == null ? "isolation time is up" : by.reason("released");
        synchronized (this) {
            if (!isolated || by == null && (untilReleased || clock.nanoTime() - untilNanos < 0)) {
                return;
            }
            isolated = false;
            untilReleased = false;
            failuresInARow.set(0);
        }
        listener.isolationChanged(false, reason, by, 0, null);
    }
}
