package io.selfheal.runtime.engine;

import java.util.concurrent.TimeoutException;

/**
 * {@code timeout:}: a run is timed from enter; when its alarm fired, the failure the other stages
 * see is a {@code TimeoutException} (the body was interrupted), and a run that returned after its
 * alarm still counts as failed for the guards (its value stands: the work is done).
 */
final class TimeoutStage implements Stage {
    private final HealingEvents events;

    TimeoutStage(HealingEvents events) {
        this.events = events;
    }

    @Override
    public boolean needsEnter() {
        return true;
    }

    @Override
    public boolean needsSuccess() {
        return true;
    }

    @Override
    public boolean timesRuns() {
        return true;
    }

    @Override
    public Throwable succeeded(Site site, Ticket ticket, Throwable late) {
        if (ticket != null && ticket.timer != null && ticket.timer.finish()) {
            TimeoutException overran = events.timeoutException(site, null);
            events.timedOut(site, site.target(), overran, null, 0, "completed-late", null);
            return overran;
        }
        return late;
    }

    @Override
    public Object failed(Failure f) {
        if (f.ticket != null && f.ticket.timer != null && f.ticket.timer.finish()) {
            f.failure = events.timeoutException(f.site, f.thrown);
            events.timedOut(f.site, f.target, f.failure, f.thrown, f.call.attempt, "interrupted", f.call);
        }
        return CONTINUE;
    }
}
