package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.config.IsolateConfig;
import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.config.TargetConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live state of one configured target: its policies and counts, shared by all its sites.
 *
 * <p>The public methods are the operations surface (JMX, the command line): read the circuit
 * state, reset or open the circuit, isolate or release the target.
 */
public final class TargetRuntime {
    private final TargetConfig config;
    private final TargetStats stats = new TargetStats();
    private final RetryPolicy retry;
    private final CircuitBreaker breaker;
    private final Isolation isolation;
    private final Bulkhead bulkhead;
    private final long timeoutNanos;
    /** True when calls need the guard path: some stage admits at enter, or latency is measured. */
    private final boolean guarded;
    /** Every stage of the target, in the order of healing (see {@link Stages}). */
    private final Stage[] stages;
    /** The stages that admit a run at enter, outermost first. */
    private final Stage[] admitting;
    /** The stages that keep books on a run that returned, innermost first. */
    private final Stage[] succeeding;
    /** True when a run carries its start time (timeout, slow calls, latency). */
    private final boolean timesRuns;
    private final EventThrottle shortCircuitEvents;
    private final Clock clock;
    private final Map<String, EventThrottle> detectedEvents = new ConcurrentHashMap<>();
    private final Map<String, EventThrottle> unhealedEvents = new ConcurrentHashMap<>();
    private final EventThrottle bulkheadEvents;
    /**
     * True when, unless the target is isolated now, a call needs nothing at enter but its count:
     * not guarded and no {@code restore:}. Fixed for the target's life; whether it is isolated is
     * read at each call (see {@link #plainEntry()}), so no transition can leave it stale.
     */
    private final boolean plainEntry;
    /**
     * True when the only stage at enter is a circuit breaker to which a success costs nothing (count
     * window, no slow calls) and there is no {@code restore:}: while the circuit is closed and the
     * target not isolated, a call needs neither a ticket at enter nor any bookkeeping at success.
     */
    private final boolean closedBreakerIsFree;
    private final HotPatchStrategy hotPatch;
    private final LatencyRecorder latency;
    private final FailureStreak failureStreak = new FailureStreak(stats);
    private final RateLimiter rateLimiter;
    private final EventThrottle rateLimitEvents;
    private final Hedging hedging;
    /** The strategy of each of {@link #stages} ({@code null} for classification), for a drill's verdict. */
    private final Strategy[] stageStrategies;
    /** The drill running on this target, or {@code null}: the one volatile read a drill adds at enter. */
    private volatile Drill drill;
    /** {@code concurrency-limit:}, or {@code null}. */
    private final ConcurrencyLimit limit;

    TargetRuntime(TargetConfig config, EngineContext context) {
        this.config = config;
        this.clock = context.clock();
        GuardListener listener = context.events();
        this.shortCircuitEvents = new EventThrottle(clock);
        this.retry = config.retry() == null ? null : new RetryPolicy(config.retry());
        this.breaker = config.circuitBreaker() == null ? null
                : new CircuitBreaker(config.circuitBreaker(), stats.calls, clock, new CircuitBreaker.Listener() {
                    @Override
                    public void circuitChanged(CircuitState from, CircuitState to, String reason, Initiator by,
                            Throwable cause) {
                        shortCircuitEvents.rearm();
                        listener.circuitChanged(TargetRuntime.this, from, to, reason, by, cause);
                    }
                });
        IsolateConfig iso = config.isolate();
        // Anonymous classes, not lambdas: every target builds these at agent start, and a first
        // lambda spins hidden classes through java.lang.invoke.
        this.isolation = new Isolation(iso, clock, new Isolation.Listener() {
            @Override
            public void isolationChanged(boolean isolated, String reason, Initiator by, long forMillis,
                    Throwable cause) {
                shortCircuitEvents.rearm();
                listener.isolationChanged(TargetRuntime.this, isolated, reason, by, forMillis, cause);
            }
        });
        this.bulkhead = iso == null || iso.maxConcurrent() == 0 ? null : new Bulkhead(iso.maxConcurrent());
        this.bulkheadEvents = bulkhead == null ? null : new EventThrottle(clock);
        this.timeoutNanos = config.timeout() == null ? 0 : config.timeout().toNanos();
        this.hotPatch = config.hotPatch() == null ? null : new HotPatchStrategy(config.hotPatch(), config.name());
        this.latency = config.latency() ? new LatencyRecorder() : null;
        this.rateLimiter = config.rateLimit() == null ? null : new RateLimiter(config.rateLimit(), clock);
        this.rateLimitEvents = rateLimiter == null ? null : new EventThrottle(clock);
        this.hedging = config.hedge() == null ? null : new Hedging(config.hedge(), this, clock, context.faults());
        this.limit = config.concurrencyLimit() == null ? null
                : new ConcurrencyLimit(this, config.concurrencyLimit(), clock, context.events());

        // The stages, and the fast-path flags derived from what they say they need.
        this.stages = Stages.of(this, context);
        this.stageStrategies = Stages.strategiesOf(config);
        List<Stage> enter = new ArrayList<>();
        List<Stage> success = new ArrayList<>();
        boolean timed = latency != null;   // latency needs a start time, which a ticket carries
        for (Stage stage : stages) {
            if (stage.needsEnter()) {
                enter.add(stage);
            }
            if (stage.needsSuccess()) {
                success.add(stage);
            }
            timed |= stage.timesRuns();
        }
        // Admission runs from the outermost stage in (the bulkhead's permit before the circuit's
        // probe), as layers around the body; success and failure from the innermost out.
        Collections.reverse(enter);
        this.admitting = enter.toArray(new Stage[0]);
        this.succeeding = success.toArray(new Stage[0]);
        this.timesRuns = timed;
        this.guarded = admitting.length > 0 || latency != null;
        this.closedBreakerIsFree = admitting.length == 1 && admitting[0] instanceof CircuitBreakerStage cb
                && cb.freeWhileClosed() && latency == null && config.restore() == null;
        this.plainEntry = !guarded && config.restore() == null;
    }

    public String name() {
        return config.name();
    }

    public TargetConfig config() {
        return config;
    }

    public TargetStats stats() {
        return stats;
    }

    // ---------------------------------------------------------------- operations

    /**
     * The circuit's state; a target without a circuit breaker is always closed. An open circuit
     * whose {@code open-for} has passed turns half-open at the next call, and reads open until then.
     */
    public CircuitState circuitState() {
        return breaker == null ? CircuitState.CLOSED : breaker.state();
    }

    /** Forces the circuit closed and clears its window. No effect without a circuit breaker. */
    public void resetCircuit() {
        resetCircuit(Initiator.OPERATOR);
    }

    /** As {@link #resetCircuit()}, on behalf of {@code by} (named in the event). */
    public void resetCircuit(Initiator by) {
        if (breaker != null) {
            breaker.forceClosed(by);
        }
    }

    /**
     * Forces the circuit open for its {@code open-for}.
     *
     * @throws IllegalStateException when the target has no {@code circuit-breaker:}
     */
    public void openCircuit() {
        openCircuit(Initiator.OPERATOR);
    }

    /** As {@link #openCircuit()}, on behalf of {@code by} (named in the event). */
    public void openCircuit(Initiator by) {
        if (breaker == null) {
            throw new IllegalStateException("target '" + name() + "' has no circuit-breaker");
        }
        breaker.forceOpen(by);
    }

    /** True when the target has a {@code circuit-breaker:}. */
    public boolean hasCircuitBreaker() {
        return breaker != null;
    }

    /** Quarantines the target until {@link #release}: its calls short-circuit (fallback or IsolatedException). */
    public void isolate() {
        isolate(Initiator.OPERATOR);
    }

    /** As {@link #isolate()}, on behalf of {@code by} (named in the event). */
    public void isolate(Initiator by) {
        isolation.isolateUntilReleased(by);
    }

    /** Ends a quarantine, whoever started it. */
    public void release() {
        release(Initiator.OPERATOR);
    }

    /** As {@link #release()}, on behalf of {@code by} (named in the event). */
    public void release(Initiator by) {
        isolation.release(by);
    }

    /** True while quarantined; a quarantine whose time is up ends here (with its event) if no call ended it. */
    public boolean isIsolated() {
        return isolation.blocks();
    }

    /** When an open circuit lets its next probe through (epoch millis); meaningless while closed. */
    public long circuitOpenUntilMillis() {
        return breaker == null ? 0 : breaker.openUntilMillis();
    }

    /** Opens the circuit until {@code untilMillis} (a remembered open circuit put back at start). */
    public void openCircuitUntil(long untilMillis, Initiator by) {
        if (breaker == null) {
            throw new IllegalStateException("target '" + name() + "' has no circuit-breaker");
        }
        breaker.openUntil(untilMillis, by);
    }

    /** Quarantines the target for {@code millis}, on behalf of {@code by}. */
    public void isolateFor(long millis, Initiator by) {
        isolation.isolateFor(millis, by);
    }

    /** When the quarantine began (epoch millis). */
    public long isolatedSinceMillis() {
        return isolation.sinceMillis();
    }

    /** When the quarantine ends (epoch millis); negative: until released. */
    public long isolatedUntilMillis() {
        return isolation.untilMillis();
    }

    /** Why the target is quarantined. */
    public String isolationReason() {
        return isolation.reason();
    }

    /** Failures in the circuit breaker's window now; 0 without a circuit breaker. */
    public int failuresInWindow() {
        return breaker == null ? 0 : breaker.failuresInWindow();
    }

    /** Failures in a row since the last run of the body that did not fail (kept off the success path). */
    public long consecutiveFailures() {
        return failureStreak.current();
    }

    /** Calls running now under the bulkhead ({@code isolate.max-concurrent}); -1 without one. */
    public int callsInFlight() {
        return bulkhead == null ? -1 : bulkhead.inFlight();
    }

    /** The adaptive concurrency limit now ({@code concurrency-limit:}); -1 without one. */
    public int concurrencyLimit() {
        return limit == null ? -1 : limit.limiter().limit();
    }

    /** Calls running now under the concurrency limit, else under the bulkhead; -1 with neither. */
    public int inFlight() {
        return limit != null ? limit.limiter().inFlight() : callsInFlight();
    }

    /** Calls the concurrency limit refused; 0 without one. */
    public long concurrencyLimitedCalls() {
        return limit == null ? 0 : limit.refused.sum();
    }

    /** True when the target has a {@code concurrency-limit:}. */
    public boolean hasConcurrencyLimit() {
        return limit != null;
    }

    /**
     * Sets the concurrency limit by hand, clamped into its min..max; the algorithm goes on from it.
     *
     * @throws IllegalStateException when the target has no {@code concurrency-limit:}
     */
    public void setConcurrencyLimit(int value, Initiator by) {
        if (limit == null) {
            throw new IllegalStateException("target '" + name() + "' has no concurrency-limit");
        }
        limit.set(value, by);
    }

    // ---------------------------------------------------------------- for the engine

    /** The running drill, or {@code null}. */
    Drill drill() {
        return drill;
    }

    void drillStarted(Drill d) {
        drill = d;
    }

    /** The drill {@code d} no longer touches calls here (a newer one is left alone). */
    void drillEnded(Drill d) {
        if (drill == d) {
            drill = null;
        }
    }

    /** The strategy of the stage at {@code index} of {@link #stages()}; {@code null} for classification. */
    Strategy stageStrategy(int index) {
        return stageStrategies[index];
    }

    /** {@code null} without {@code concurrency-limit:}. */
    ConcurrencyLimit limit() {
        return limit;
    }

    FailureStreak failureStreak() {
        return failureStreak;
    }

    RetryPolicy retry() {
        return retry;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    Isolation isolation() {
        return isolation;
    }

    Bulkhead bulkhead() {
        return bulkhead;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    boolean guarded() {
        return guarded;
    }

    Stage[] stages() {
        return stages;
    }

    Stage[] admitting() {
        return admitting;
    }

    Stage[] succeeding() {
        return succeeding;
    }

    boolean timesRuns() {
        return timesRuns;
    }

    /** See {@link #closedBreakerIsFree}. */
    boolean closedBreakerIsFree() {
        return closedBreakerIsFree;
    }

    /**
     * True when a call needs nothing at enter but its count: one final field and, for an unguarded
     * target, the isolation's one volatile flag.
     */
    boolean plainEntry() {
        return plainEntry && !isolation.maybeIsolated();
    }

    /**
     * The throttle of the error-detected (first failure of a call) or healing-failed events of one
     * exception type: an exception that passes through a target by the thousand, caught by the
     * caller, writes one event a second with a count, not one per call.
     */
    EventThrottle failureEvents(String exceptionType, boolean unhealed) {
        Map<String, EventThrottle> m = unhealed ? unhealedEvents : detectedEvents;
        EventThrottle t = m.get(exceptionType);
        if (t == null) {
            EventThrottle made = new EventThrottle(clock);
            t = m.putIfAbsent(exceptionType, made);
            if (t == null) {
                t = made;
            }
        }
        return t;
    }

    EventThrottle shortCircuitEvents() {
        return shortCircuitEvents;
    }

    /** {@code null} without a bulkhead. */
    EventThrottle bulkheadEvents() {
        return bulkheadEvents;
    }

    /** {@code null} without {@code hedge:}. */
    Hedging hedging() {
        return hedging;
    }

    /** {@code null} without {@code rate-limit:}. */
    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** {@code null} without {@code rate-limit:}. */
    EventThrottle rateLimitEvents() {
        return rateLimitEvents;
    }

    HotPatchStrategy hotPatch() {
        return hotPatch;
    }

    /** The latency histogram, or {@code null} when the target does not measure latency. */
    public LatencyRecorder latency() {
        return latency;
    }
}
