package io.selfheal.runtime.engine;

/**
 * What a guarded call holds between enter and its end: a bulkhead permit, a half-open probe, the
 * start time (slow-call detection), a timer (timeout). Calls that hold only a permit and/or a probe
 * share the three constants, so a bulkhead or breaker allocates nothing per call; only timed and
 * measured calls get their own ticket.
 */
final class Ticket {
    static final Ticket PERMIT = new Ticket(true, false, 0, null);
    static final Ticket PROBE = new Ticket(false, true, 0, null);
    static final Ticket PERMIT_AND_PROBE = new Ticket(true, true, 0, null);

    final boolean permit;
    final boolean probe;
    final long startNanos;
    final TimedCall timer;

    Ticket(boolean permit, boolean probe, long startNanos, TimedCall timer) {
        this.permit = permit;
        this.probe = probe;
        this.startNanos = startNanos;
        this.timer = timer;
    }

    /** The shared ticket for a call that needs no time or timer; {@code null} when it holds nothing. */
    static Ticket of(boolean permit, boolean probe) {
        if (permit) {
            return probe ? PERMIT_AND_PROBE : PERMIT;
        }
        return probe ? PROBE : null;
    }
}
