package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.config.CircuitBreakerConfig;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One target's circuit breaker: closed, open, half-open.
 *
 * <p>The state is one volatile int, changed only by CAS, so each transition happens (and is
 * reported) exactly once however many threads race for it. A closed circuit costs a call one
 * volatile read at enter and nothing at success (a count window positions calls by the target's
 * call counter; see {@link CountWindow}); an open one rejects a call with one more volatile read,
 * without reading the clock: a timer ({@link Clock#alarm}) says when {@code open-for} has passed. Failures are
 * recorded under this object's lock (the failure path may lock; the success path never does).
 * Half-open admits probes by a CAS countdown of {@code half-open-calls}, so concurrent callers
 * beyond it are short-circuited; when that many probes succeed the circuit closes, and the first
 * probe that fails opens it again.
 */
final class CircuitBreaker {
    static final int ADMIT = 0;
    static final int PROBE = 1;
    static final int REJECT = 2;

    private static final int CLOSED = 0;
    private static final int OPEN = 1;
    private static final int HALF_OPEN = 2;
    /** For {@link #openFrom} and {@link #openNow}: open whatever the state is now. */
    private static final int ANY_STATE = -1;
    private static final AtomicIntegerFieldUpdater<CircuitBreaker> STATE =
            AtomicIntegerFieldUpdater.newUpdater(CircuitBreaker.class, "state");

    /** Told about every transition, once, by the thread that made it. */
    interface Listener {
        /**
         * @param by who moved the circuit by hand, or {@code null} when failures (or time) did
         * @param cause the failure that caused it, or {@code null}
         */
        void circuitChanged(CircuitState from, CircuitState to, String reason, Initiator by, Throwable cause);
    }

    private final CircuitBreakerConfig config;
    private final FailureWindow window;
    private final Clock clock;
    private final Listener listener;
    private final long openForNanos;
    private final long slowNanos;
    private final boolean successReadsClock;
    private final AtomicInteger probesLeft = new AtomicInteger();
    private final AtomicInteger probesAdmitted = new AtomicInteger();
    private final AtomicInteger probeSuccesses = new AtomicInteger();
    private volatile int state = CLOSED;
    private volatile long openUntilNanos;
    private volatile long openUntilMillis;
    /**
     * False while the circuit is open and an alarm will say when {@code open-for} has passed: until
     * then a call is rejected without reading the clock. True when the alarm rang, or when the clock
     * has no alarms (every call then reads the clock, as before).
     */
    private volatile boolean probeMayBeDue = true;

    /** @param calls the target's call counter (incremented at every enter): the count window's positions */
    CircuitBreaker(CircuitBreakerConfig config, ThreadCellCounter calls, Clock clock, Listener listener) {
        this.config = config;
        this.window = FailureWindow.of(config, calls);
        this.clock = clock;
        this.listener = listener;
        this.openForNanos = config.openFor().toNanos();
        this.slowNanos = config.slowCall() == null ? 0 : config.slowCall().threshold().toNanos();
        this.successReadsClock = config.timeBased() && config.countsCalls();
    }

    CircuitBreakerConfig config() {
        return config;
    }

    /**
     * True when a success outside half-open changes nothing here (a count window, no slow calls):
     * the engine may then skip telling the breaker about it.
     */
    boolean successIsFree() {
        return slowNanos == 0 && !config.timeBased();
    }

    /** True when a call's duration must be measured (slow-call detection). */
    boolean measuresDuration() {
        return slowNanos > 0;
    }

    CircuitState state() {
        switch (state) {
            case OPEN: return CircuitState.OPEN;
            case HALF_OPEN: return CircuitState.HALF_OPEN;
            default: return CircuitState.CLOSED;
        }
    }

    boolean isClosed() {
        return state == CLOSED;
    }

    /** When the next probe is allowed (epoch millis), for {@code CircuitOpenException}. */
    long openUntilMillis() {
        return openUntilMillis;
    }

    /** Probes admitted in the current (or last) half-open period. */
    int probesAdmitted() {
        return probesAdmitted.get();
    }

    /** @return {@link #ADMIT}, {@link #PROBE} (a half-open probe; report its outcome as one), or {@link #REJECT} */
    int admit() {
        for (;;) {
            int s = state;
            if (s == CLOSED) {
                return ADMIT;
            }
            if (s == OPEN) {
                if (!probeMayBeDue || clock.nanoTime() - openUntilNanos < 0) {
                    return REJECT;
                }
                if (STATE.compareAndSet(this, OPEN, HALF_OPEN)) {
                    // Probes are handed out only after the CAS: a caller that sees HALF_OPEN
                    // before this line finds none left and is short-circuited, never over-admitted.
                    probeSuccesses.set(0);
                    probesAdmitted.set(0);
                    probesLeft.set(config.halfOpenCalls());
                    listener.circuitChanged(CircuitState.OPEN, CircuitState.HALF_OPEN,
                            "open-for elapsed; letting " + config.halfOpenCalls() + " probe(s) through", null, null);
                }
                continue;
            }
            int left = probesLeft.get();
            if (left <= 0) {
                if (state == CLOSED) {
                    continue;   // the probes closed it while we looked
                }
                return REJECT;
            }
            if (probesLeft.compareAndSet(left, left - 1)) {
                probesAdmitted.incrementAndGet();
                return PROBE;
            }
        }
    }

    /**
     * A call admitted by {@link #admit} ended without a failure the breaker counts.
     *
     * @param durationNanos how long it ran; only read when slow calls are measured
     */
    void onSuccess(boolean probe, long durationNanos) {
        if (probe) {
            if (probeSuccesses.incrementAndGet() >= config.halfOpenCalls()) {
                close("all " + config.halfOpenCalls() + " probe(s) succeeded");
            }
            return;
        }
        if (slowNanos > 0 && durationNanos > slowNanos) {
            long now = clock.nanoTime();
            boolean open;
            synchronized (this) {
                open = window.recordFailure(now, true);
            }
            if (open) {
                openFrom(CLOSED, now, "slow calls reached " + config.slowCall().rate() + " of the window", null, null);
            }
            return;
        }
        window.recordSuccess(successReadsClock ? clock.nanoTime() : 0L);
    }

    /**
     * A call failed with a failure the breaker counts.
     *
     * @return true when the circuit is not closed afterwards (no retry may go through it)
     */
    boolean onFailure(boolean probe, Throwable cause) {
        long now = clock.nanoTime();
        if (probe) {
            openFrom(HALF_OPEN, now, "a half-open probe failed", null, cause);
            return true;
        }
        boolean open;
        synchronized (this) {
            open = window.recordFailure(now, false) && state == CLOSED;
        }
        if (open) {
            openFrom(CLOSED, now, config.failureRate() > 0
                    ? "failure rate reached " + config.failureRate() + " of the window"
                    : config.failureThreshold() + " failures in the window", null, cause);
        }
        return state != CLOSED;
    }

    /**
     * Open for {@code open-for} from {@code now}, if the circuit is still in {@code from} (another
     * thread may have moved it since the caller looked), or whatever its state with {@link #ANY_STATE}.
     */
    private void openFrom(int from, long now, String reason, Initiator by, Throwable cause) {
        openNow(from, now, now + openForNanos, clock.currentTimeMillis() + config.openFor().toMillis(),
                reason, by, cause);
    }

    private void close(String reason) {
        closeNow(HALF_OPEN, reason, null);
    }

    /**
     * Closed now, window cleared, by {@code by}. Reported even when it was closed already (the
     * window was still cleared): a hand on a target always goes in the healing log, once.
     */
    void forceClosed(Initiator by) {
        closeNow(ANY_STATE, by.reason("reset"), by);
    }

    /**
     * The one way into the closed state: window cleared, the listener told once. Does nothing when
     * {@code from} is a state and the circuit is no longer in it.
     *
     * @param from the state the transition expects, or {@link #ANY_STATE} (a reset by hand)
     * @param by who closed it by hand, or {@code null} when the probes did
     */
    private void closeNow(int from, String reason, Initiator by) {
        CircuitState before;
        synchronized (this) {
            if (from != ANY_STATE && state != from) {
                return;
            }
            before = state();
            window.reset(clock.nanoTime());
            probesLeft.set(0);
            state = CLOSED;
        }
        listener.circuitChanged(before, CircuitState.CLOSED, reason, by, null);
    }

    /** Opens the circuit on behalf of {@code by} if it is closed, in one step: two callers open it once. */
    void openIfClosed(Initiator by) {
        openFrom(CLOSED, clock.nanoTime(), by.reason("opened"), by, null);
    }

    /** Open now, for {@code open-for}, by {@code by}, whatever the state. */
    void forceOpen(Initiator by) {
        openFrom(ANY_STATE, clock.nanoTime(), by.reason("opened"), by, null);
    }

    /**
     * Open until {@code untilMillis} (epoch millis), as remembered across a restart; a time
     * already past leaves it open until the next call, which then probes.
     */
    void openUntil(long untilMillis, Initiator by) {
        long now = clock.nanoTime();
        long leftMillis = Math.max(0, untilMillis - clock.currentTimeMillis());
        openNow(ANY_STATE, now, now + leftMillis * 1_000_000L, untilMillis, by.reason("opened"), by, null);
    }

    /**
     * The one way into the open state: open until {@code untilNanos} ({@code untilMillis} on the wall
     * clock), with the window cleared at {@code now}, and tell the listener once. Does nothing when
     * {@code from} is a state and the circuit is no longer in it.
     *
     * @param from the state the transition expects, or {@link #ANY_STATE} (a forced open)
     * @param by who opened it by hand, or {@code null} when failures did
     */
    private void openNow(int from, long now, long untilNanos, long untilMillis, String reason, Initiator by,
            Throwable cause) {
        CircuitState before;
        synchronized (this) {
            if (from != ANY_STATE && state != from) {
                return;
            }
            before = state();
            openUntilNanos = untilNanos;
            openUntilMillis = untilMillis;
            probesLeft.set(0);
            window.reset(now);
            probeMayBeDue = false;
            state = OPEN;
        }
        setProbeAlarm(untilNanos);
        listener.circuitChanged(before, CircuitState.OPEN, reason, by, cause);
    }

    /**
     * Rings when the open period ending at {@code openUntil} is over; an alarm of an earlier open
     * period (the circuit reopened since) changes nothing.
     */
    private void setProbeAlarm(long openUntil) {
        if (!clock.alarm(openUntil - clock.nanoTime(), () -> {
            if (openUntilNanos == openUntil) {
                probeMayBeDue = true;
            }
        })) {
            probeMayBeDue = true;
        }
    }

    int failuresInWindow() {
        synchronized (this) {
            return window.failures(clock.nanoTime());
        }
    }
}
