package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.Strategy;

/**
 * {@code isolate:}: after {@code after} failures in a row the target is quarantined (calls
 * short-circuit; quarantine by hand works on any target, see the pipeline), and with
 * {@code max-concurrent} a bulkhead admits that many runs at once, each holding a permit until it ends.
 */
final class IsolateStage implements Stage {
    private final TargetRuntime target;
    private final Isolation isolation;
    private final Bulkhead bulkhead;
    private final StrategySelector selector;
    private final HealingEvents events;

    IsolateStage(TargetRuntime target, EngineContext context) {
        this.target = target;
        this.isolation = target.isolation();
        this.bulkhead = target.bulkhead();
        this.selector = context.selector();
        this.events = context.events();
    }

    @Override
    public boolean needsEnter() {
        return bulkhead != null || isolation.countsFailures();
    }

    /** A run that returned ends a run of failures in a row. */
    @Override
    public boolean needsSuccess() {
        return isolation.countsFailures();
    }

    @Override
    public int admit() {
        if (bulkhead == null) {
            return ADMITTED;
        }
        if (!bulkhead.tryAcquire()) {
            events.bulkheadFull(target, bulkhead);
            return REFUSED;
        }
        return PERMIT;
    }

    @Override
    public void giveBack(int admitted) {
        if (bulkhead != null && (admitted & PERMIT) != 0) {   // the permit may be another stage's
            bulkhead.release();
        }
    }

    @Override
    public Throwable succeeded(Site site, Ticket ticket, Throwable late) {
        if (late != null) {
            record(late);
        } else {
            isolation.onSuccess();
        }
        return late;
    }

    @Override
    public void ended(Ticket ticket) {
        if (bulkhead != null && ticket != null && ticket.permit) {
            bulkhead.release();
        }
    }

    @Override
    public Object failed(Failure f) {
        record(f.failure);
        return CONTINUE;
    }

    private void record(Throwable failure) {
        if (isolation.countsFailures()
                && selector.applies(Strategy.ISOLATE, target.config().isolate().filter(), failure)) {
            isolation.onFailure(failure);
        }
    }
}
