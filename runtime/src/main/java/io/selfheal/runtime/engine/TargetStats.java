package io.selfheal.runtime.engine;

/**
 * The counts of one target. Exact counters whose increment by a thread that called the target
 * before is a plain store into that thread's own cell ({@link ThreadCellCounter}): no lock, no
 * atomic instruction, no allocation.
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
    public final ThreadCellCounter calls = new ThreadCellCounter();
    public final ThreadCellCounter failures = new ThreadCellCounter();
    public final ThreadCellCounter retries = new ThreadCellCounter();
    public final ThreadCellCounter healed = new ThreadCellCounter();
    public final ThreadCellCounter fallbacks = new ThreadCellCounter();
    public final ThreadCellCounter unhealed = new ThreadCellCounter();
    public final ThreadCellCounter shortCircuits = new ThreadCellCounter();
    /** Attempts that overran {@code timeout:} (the timer fired). */
    public final ThreadCellCounter timeouts = new ThreadCellCounter();
    /** Calls refused by {@code rate-limit:} (also counted in {@code shortCircuits}). */
    public final ThreadCellCounter rateLimited = new ThreadCellCounter();
    /** {@code hedge:} copies that ran; those whose value answered the call; attempts that lost (their value or exception dropped). */
    public final ThreadCellCounter hedges = new ThreadCellCounter();
    public final ThreadCellCounter hedgeWins = new ThreadCellCounter();
    public final ThreadCellCounter hedgesDropped = new ThreadCellCounter();
    /** Faults a drill injected (touched calls): counted here, not as failures, so a drill never looks like an outage. */
    public final ThreadCellCounter drillFaults = new ThreadCellCounter();

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
