package io.selfheal.runtime.engine;

/**
 * {@code concurrency-limit:}: admits a run while fewer than the adaptive limit are in flight
 * (holding a slot as a permit until the run ends), and feeds each run's duration and outcome to
 * the limit: a run that failed or overran its timeout is a congestion signal. A refused call
 * short-circuits (the fallback chain, else {@code ConcurrencyLimitedException}).
 *
 * <p>A run's end is two moments on the synchronous path: its outcome ({@link #succeeded} or
 * {@link #failed}) and its release ({@link #ended}, not when a retry takes the slot over). A
 * call that completes later, on another thread, ends with one call: {@link #runEnded}.
 */
final class ConcurrencyLimitStage implements Stage {
    private final ConcurrencyLimit limit;

    ConcurrencyLimitStage(TargetRuntime target) {
        this.limit = target.limit();
    }

    @Override
    public boolean needsEnter() {
        return true;
    }

    @Override
    public boolean needsSuccess() {
        return true;
    }

    /** The limit learns from each run's duration, which the ticket's start time gives. */
    @Override
    public boolean timesRuns() {
        return true;
    }

    @Override
    public int admit() {
        return limit.admit() ? PERMIT : REFUSED;
    }

    @Override
    public void giveBack(int admitted) {
        if ((admitted & PERMIT) != 0) {
            limit.release();
        }
    }

    @Override
    public Throwable succeeded(Site site, Ticket ticket, Throwable late) {
        if (ticket != null && ticket.permit) {
            limit.sample(ticket.startNanos, late != null);
        }
        return late;
    }

    @Override
    public Object failed(Failure f) {
        if (f.ticket != null && f.ticket.permit) {
            limit.sample(f.ticket.startNanos, true);
        }
        return CONTINUE;
    }

    @Override
    public void ended(Ticket ticket) {
        if (ticket != null && ticket.permit) {
            limit.release();
        }
    }

    /**
     * A run ended in one step: its sample and its slot back. For a call whose completion comes
     * later than the woven method's return (an asynchronous result).
     *
     * @param failure what the run ended with (a failure or a timeout), or {@code null} when it returned
     */
    void runEnded(Ticket ticket, Throwable failure) {
        if (ticket != null && ticket.permit) {
            limit.sample(ticket.startNanos, failure != null);
            limit.release();
        }
    }
}
