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
        if (!t.timesRuns()) {
            return Ticket.of(permit, probe);
        }
        long timeout = t.timeoutNanos();
        return new Ticket(permit, probe, clock.nanoTime(), timeout == 0 ? null : timeouts.arm(timeout));
    }
}
