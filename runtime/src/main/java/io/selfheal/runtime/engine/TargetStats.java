package io.selfheal.runtime.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one target. Striped counters: incrementing never takes a lock and, once a
 * contended stripe exists, never allocates.
 *
 * <ul>
 *   <li>{@code calls}: calls that entered (short-circuited ones included), once per call;
 *   <li>{@code failures}: runs of the body that threw (each failed attempt counts);
 *   <li>{@code retries}: re-runs of the body;
 *   <li>{@code healed}: calls that failed at least once and still returned normally (by retry or fallback);
 *   <li>{@code fallbacks}: calls answered by a fallback, short-circuits included;
 *   <li>{@code unhealed}: calls that ended by rethrowing the application's exception;
 *   <li>{@code shortCircuits}: calls that did not run the body.
 * </ul>
 */
public final class TargetStats {
    public final LongAdder calls = new LongAdder();
    public final LongAdder failures = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder healed = new LongAdder();
    public final LongAdder fallbacks = new LongAdder();
    public final LongAdder unhealed = new LongAdder();
    public final LongAdder shortCircuits = new LongAdder();
    /** Attempts that overran {@code timeout:} (the timer fired). */
    public final LongAdder timeouts = new LongAdder();

    private volatile LastError lastError;

    /** The latest failure seen, for operators. */
    public record LastError(String type, String message, long timestampMillis) {
    }

    public void recordError(Throwable t, long nowMillis) {
        lastError = new LastError(t.getClass().getName(), t.getMessage(), nowMillis);
    }

    public LastError lastError() {
        return lastError;
    }
}
