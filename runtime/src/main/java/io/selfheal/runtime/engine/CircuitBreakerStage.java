package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.config.Strategy;

/**
 * {@code circuit-breaker:}: admits a run while the circuit is closed (or as a half-open probe),
 * refuses it while open; counts each run's outcome. A failure is recorded before retry decides, so
 * a retry never runs through a circuit that this very failure opened.
 */
final class CircuitBreakerStage implements Stage {
    private final CircuitBreaker breaker;
    private final StrategySelector selector;
    private final Clock clock;

    CircuitBreakerStage(CircuitBreaker breaker, EngineContext context) {
        this.breaker = breaker;
        this.selector = context.selector();
        this.clock = context.clock();
    }

    @Override
    public boolean needsEnter() {
        return true;
    }

    /** Always: a half-open probe's success closes the circuit (the closed, free case skips the stages altogether). */
    @Override
    public boolean needsSuccess() {
        return true;
    }

    @Override
    public boolean timesRuns() {
        return breaker.measuresDuration();
    }

    /** True when a success costs nothing while the circuit is closed (count window, no slow calls). */
    boolean freeWhileClosed() {
        return breaker.successIsFree();
    }

    @Override
    public int admit() {
        int admission = breaker.admit();
        return admission == CircuitBreaker.REJECT ? REFUSED : admission == CircuitBreaker.PROBE ? PROBE : ADMITTED;
    }

    @Override
    public Throwable succeeded(Site site, Ticket ticket, Throwable late) {
        if (late != null) {
            record(ticket, late);
        } else {
            long duration = ticket != null && breaker.measuresDuration() ? clock.nanoTime() - ticket.startNanos : 0;
            breaker.onSuccess(ticket != null && ticket.probe, duration);
        }
        return late;
    }

    @Override
    public Object failed(Failure f) {
        record(f.ticket, f.failure);
        return CONTINUE;
    }

    private void record(Ticket ticket, Throwable failure) {
        boolean probe = ticket != null && ticket.probe;
        if (selector.applies(Strategy.CIRCUIT_BREAKER, breaker.config().filter(), failure)) {
            breaker.onFailure(probe, failure);
        } else {
            breaker.onSuccess(probe, 0);   // not a failure it counts: the dependency answered
        }
    }
}
