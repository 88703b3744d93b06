package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.CircuitBreakerConfig;

/**
 * A count-based window: the last {@code window} calls. A call's position is read from the target's
 * own exact call counter ({@link TargetStats#calls}, incremented at enter anyway), so a success
 * costs the window nothing at all: no write, no lock, no allocation. A failure takes the current
 * position and puts it in a ring of failure positions; the failures in the window are the ring
 * entries newer than {@code position - window}. The ring holds {@code failure-threshold} positions
 * for a count threshold (the oldest of the last N failures is all that matters) and {@code window}
 * positions when a rate must be computed.
 *
 * <p>Consequences, documented in the README: every attempt of a retried call fails at the call's
 * position (each attempt counts); a call refused by the bulkhead while the circuit is closed is a
 * call of the window; calls short-circuited by the open circuit are not, as the window is cleared
 * whenever the circuit opens or closes. Positions are read without a lock, so under heavy
 * concurrency a failure's position is off by at most the number of calls entering at that moment.
 */
final class CountWindow implements FailureWindow {
    private final int window;
    private final int threshold;
    private final double failureRate;
    private final int minimumCalls;
    private final double slowRate;
    private final ThreadCellCounter calls;
    private final Ring failures;
    private final Ring slowCalls;
    private long resetAt;

    CountWindow(CircuitBreakerConfig c, ThreadCellCounter calls) {
        this.calls = calls;
        this.window = c.windowCalls();
        this.threshold = c.failureThreshold();
        this.failureRate = c.failureRate();
        this.minimumCalls = c.minimumCalls();
        this.slowRate = c.slowCall() == null ? 0 : c.slowCall().rate();
        this.failures = new Ring(failureRate > 0 ? window : Math.min(threshold, window));
        this.slowCalls = c.slowCall() == null ? null : new Ring(window);
    }

    @Override
    public void recordSuccess(long nowNanos) {
        // nothing: the call was counted at enter
    }

    @Override
    public boolean recordFailure(long nowNanos, boolean slow) {
        long position = calls.sum();
        long oldest = position - window;
        if (slow) {
            slowCalls.add(position);
            return rateReached(slowCalls.countAfter(oldest), position, slowRate);
        }
        failures.add(position);
        int inWindow = failures.countAfter(oldest);
        if (failureRate > 0) {
            return rateReached(inWindow, position, failureRate);
        }
        return inWindow >= threshold;
    }

    private boolean rateReached(int count, long position, double rate) {
        long callsInWindow = Math.min(window, position - resetAt);
        return callsInWindow >= minimumCalls && count >= rate * callsInWindow;
    }

    @Override
    public int failures(long nowNanos) {
        return failures.countAfter(calls.sum() - window);
    }

    @Override
    public void reset(long nowNanos) {
        resetAt = calls.sum();
        failures.clear();
        if (slowCalls != null) {
            slowCalls.clear();
        }
    }

    /** The newest {@code capacity} positions, newest last. Guarded by the breaker's lock. */
    private static final class Ring {
        private final long[] positions;
        private int next;
        private int size;

        Ring(int capacity) {
            positions = new long[Math.max(1, capacity)];
        }

        void add(long position) {
            positions[next] = position;
            next = (next + 1) % positions.length;
            size = Math.min(size + 1, positions.length);
        }

        /** How many stored positions are after {@code oldestExcluded}, walking from the newest. */
        int countAfter(long oldestExcluded) {
            int count = 0;
            for (int i = 1; i <= size; i++) {
                long p = positions[(next - i + positions.length) % positions.length];
                if (p <= oldestExcluded) {
                    break;
                }
                count++;
            }
            return count;
        }

        void clear() {
            size = 0;
        }
    }
}
