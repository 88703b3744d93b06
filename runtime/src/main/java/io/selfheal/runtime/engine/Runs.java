package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

/** Starts runs of a woven body: the ticket a run holds, timed (with a timeout alarm) only when it must be. */
final class Runs {
    private final Clock clock;
    private final TimeoutScheduler timeouts;

    Runs(Clock clock, TimeoutScheduler timeouts) {
        this.clock = clock;
        this.timeouts = timeouts;
    }

    /** The ticket of one run of the body: shared constants unless it must be timed. */
    Ticket start(TargetRuntime t, boolean permit, boolean probe) {
        return start(t, permit, probe, true);
    }

    /**
     * @param interrupting whether a timeout interrupts the calling thread; not for a run that returns
     *     a stage, whose stage times out instead ({@link AsyncCalls})
     */
    Ticket start(TargetRuntime t, boolean permit, boolean probe, boolean interrupting) {
        if (!t.timesRuns()) {
            return Ticket.of(permit, probe);
        }
        long timeout = t.timeoutNanos();
        return new Ticket(permit, probe, clock.nanoTime(), timeout == 0 || !interrupting ? null : timeouts.arm(timeout));
    }

    /** A timed run's ticket restarted now (a run again after a backoff): its latency is its own. */
    Ticket restarted(Ticket t) {
        return t == null || t.startNanos == 0 && t.timer == null ? t : new Ticket(t.permit, t.probe, clock.nanoTime(), null);
    }
}
