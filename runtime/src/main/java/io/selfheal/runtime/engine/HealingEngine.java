package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.CircuitOpenException;
import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.HealingHandler;
import io.selfheal.bootstrap.IsolatedException;
import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.Durations;
import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.state.Checkpoints;
import java.time.Duration;
import java.time.Instant;
import io.selfheal.runtime.adaptive.AdaptiveStrategies;
import io.selfheal.runtime.patch.PatchApplier;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The healing engine behind {@link Healing}: admits calls (isolation, bulkhead, circuit breaker,
 * timeout), counts them and, when a woven body throws, runs the strategies in the order
 * ARCHITECTURE.md fixes, publishing an event for every step:
 *
 * <ol>
 *   <li>classify the failure (category, severity: in every failure event);
 *   <li>restore-checkpoint and restore put state back, before anything else acts;
 *   <li>the circuit breaker and isolation record the failed attempt, and may open or isolate;
 *   <li>retry, unless that left the circuit open or the target isolated (a retry never goes
 *       through an open circuit; each attempt counts for the breaker);
 *   <li>fallback;
 *   <li>rethrow, unchanged.
 * </ol>
 *
 * <p>The success path of a call that did not fail allocates nothing and takes no lock: for an
 * unguarded target it reads one flag and increments the call counter, a plain store into the
 * calling thread's own cell ({@link ThreadCellCounter}); a circuit breaker adds a volatile read at
 * enter; a bulkhead a CAS at each end. A short-circuit by an open circuit reads no clock (a timer
 * says when the next probe is due) and allocates nothing. State a call needs across
 * retries lives in a {@link CallState} created at its first failure; timed calls carry a
 * {@link Ticket}.
 */
public final class HealingEngine implements HealingHandler, FallbackChain.Listener, GuardListener {
    /** Replaced whole on a config reload, never changed in place: readers take no lock. */
    private volatile Map<String, TargetRuntime> targets;
    private final SiteRegistry sites = new SiteRegistry();
    private final EventSink events;
    private final Clock clock;
    private final AgentFaults faults;
    private final StrategySelector selector;
    private final TimeoutScheduler timeouts = new TimeoutScheduler();
    private final Checkpoints checkpoints;
    private final StateHealing state;
    private volatile PatchApplier patchApplier;
    private final AdaptiveHealing adaptive;
    private volatile LookAhead lookAhead;

    public HealingEngine(AgentConfig config, EventSink events, Clock clock) {
        this(config, events, clock, new AgentFaults(events));
    }

    /** @param faults the agent's fault log, when it was started before the engine (the agent's start-up) */
    public HealingEngine(AgentConfig config, EventSink events, Clock clock, AgentFaults faults) {
        this.events = events;
        this.clock = clock;
        this.faults = faults;
        FaultInjection.enabled();
        this.selector = new StrategySelector(config.strategies());
        Map<String, TargetRuntime> initial = new LinkedHashMap<>();
        for (TargetConfig t : config.targets()) {
            initial.put(t.name(), new TargetRuntime(t, clock, this));
        }
        this.targets = Collections.unmodifiableMap(initial);
        this.adaptive = new AdaptiveHealing(config.targets());
        this.checkpoints = config.checkpoints() == null ? null
                : new Checkpoints(config.checkpoints(), events, clock::currentTimeMillis, faults::report);
        this.state = new StateHealing(this, checkpoints);
        CallPathClasses.initialize(restoresState(config));
    }

    /** True when some target restores state or checkpoints are configured: snapshots will be taken. */
    public static boolean restoresState(AgentConfig config) {
        if (config.checkpoints() != null) {
            return true;
        }
        for (TargetConfig t : config.targets()) {
            if (t.restore() != null) {
                return true;
            }
        }
        return false;
    }

    /** What a reload changed, by target name. */
    public record TargetChanges(Set<String> added, Set<String> removed, Set<String> changed, Set<String> kept) {
        public boolean weavingChanged() {
            return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
        }
    }

    /**
     * Swaps in the targets of a new config in one step. A target configured exactly as before keeps
     * its live state (counts, circuit, isolation); a new or changed one starts afresh. Sites of
     * changed targets still point at the old state until their classes are retransformed.
     */
    public synchronized TargetChanges replaceTargets(List<TargetConfig> configs) {
        Map<String, TargetRuntime> old = targets;
        Map<String, TargetRuntime> next = new LinkedHashMap<>();
        Set<String> added = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        Set<String> kept = new TreeSet<>();
        for (TargetConfig t : configs) {
            TargetRuntime before = old.get(t.name());
            if (before != null && before.config().sameAs(t)) {
                next.put(t.name(), before);
                kept.add(t.name());
            } else {
                next.put(t.name(), new TargetRuntime(t, clock, this));
                (before == null ? added : changed).add(t.name());
            }
        }
        Set<String> removed = new TreeSet<>(old.keySet());
        removed.removeAll(next.keySet());
        targets = Collections.unmodifiableMap(next);
        adaptive.replaceTargets(configs);
        return new TargetChanges(added, removed, changed, kept);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Registers a woven method and returns the id its woven code passes to {@link Healing}.
     *
     * @param fallback the target's fallback entries that were found usable for this method at
     *     weave time (the weaver reports the others as config problems)
     */
    public int registerSite(String targetName, String className, String methodName, String descriptor,
            ClassLoader loader, List<FallbackEntry> fallback) {
        TargetRuntime target = targets.get(targetName);
        if (target == null) {
            throw new IllegalArgumentException("no target named " + targetName);
        }
        String key = (loader == null ? "bootstrap" : loader.getClass().getName() + "@"
                + Integer.toHexString(System.identityHashCode(loader))) + "/" + className + "#"
                + methodName + descriptor + "/" + targetName;
        HealingEngine engine = this;
        // An anonymous class, not a lambda: the first weave happens during start-up, where a
        // lambda's first use spins several hidden classes (benchmarks/README.md, Start-up).
        return sites.register(key, new SiteRegistry.SiteFactory() {
            @Override
            public Site create(int id) {
                return new Site(id, target, className, methodName, descriptor, loader, fallback, engine);
            }
        });
    }

    public Collection<TargetRuntime> targets() {
        return targets.values();
    }

    public TargetRuntime target(String name) {
        return targets.get(name);
    }

    public Site site(int id) {
        return sites.get(id);
    }

    public int siteCount() {
        return sites.size();
    }

    /** Set by the agent once hot patching is ready; the {@code hot-patch} strategy uses it. */
    public void patchApplier(PatchApplier applier) {
        this.patchApplier = applier;
    }

    public PatchApplier patchApplier() {
        return patchApplier;
    }

    /** The selectors of the targets with {@code strategy: adaptive}, which the failure path consults. */
    public AdaptiveStrategies adaptive() {
        return adaptive.strategies();
    }

    /** Set once the look-ahead runs, so operators (JMX) can read its predictions. */
    public void lookAhead(LookAhead l) {
        this.lookAhead = l;
    }

    /** The running look-ahead, or {@code null} when the config asks for none. */
    public LookAhead lookAhead() {
        return lookAhead;
    }

    public AgentFaults faults() {
        return faults;
    }

    public EventSink events() {
        return events;
    }

    /** Stops the timeout thread, if one was started. */
    public void shutdown() {
        timeouts.shutdown();
    }

    /**
     * Turns {@code restore:} on for a woven method.
     *
     * @param fields the target's restore fields that exist in the class (the weaver reports the
     *     others as config problems); empty means all fields
     */
    public void enableRestore(int siteId, List<String> fields) {
        Site site = sites.get(siteId);
        site.restore(new SiteRestore(site.target().config().restore(), fields, state.copierFor(site.target())));
    }

    /** The {@code checkpoints:} block at work, or {@code null} when the config has none. */
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    // ---------------------------------------------------------------- woven-code entry points

    @Override
    public Object enter(int siteId, Object self) {
        if (FaultInjection.ENTER) {
            throw FaultInjection.fault("enter");
        }
        if (ReentryGuard.inAgentWork()) {
            return null;   // called from inside the agent's own work: run as if unwoven
        }
        Site site = sites.get(siteId);
        TargetRuntime t = site.target();
        t.stats().calls.increment();
        if (t.plainEntry()) {
            return null;   // nothing to admit, nothing to snapshot: the one flag an unguarded call reads
        }
        if (t.closedBreakerIsFree() && t.breaker().isClosed() && !t.isolation().maybeIsolated()) {
            return null;   // a closed circuit admits without a ticket, and its success needs no bookkeeping
        }
        SiteRestore restore = site.restore();
        boolean admits = t.guarded() || t.isolation().maybeIsolated();
        if (!admits && restore == null) {
            return null;
        }
        Object admitted = admits ? admit(t) : null;
        if (restore == null || admitted == Healing.SHORT_CIRCUIT) {
            return admitted;
        }
        try {
            ReentryGuard.mark();   // not marked before: enter() returned at once if it was
            CallState call = state.enter(site, restore, self);   // the snapshot every retry starts from
            if (call == null) {
                return admitted;
            }
            call.ticket = admitted instanceof Ticket tk ? tk : null;
            return call;
        } catch (Throwable e) {
            fault("restore-snapshot", e);
            return admitted;
        } finally {
            ReentryGuard.unmark();
        }
    }

    /** Isolation, then the bulkhead, then the breaker; a refusal gives back what was taken. */
    private Object admit(TargetRuntime t) {
        if (t.isolation().blocks()) {
            return Healing.SHORT_CIRCUIT;
        }
        Bulkhead bulkhead = t.bulkhead();
        boolean permit = false;
        if (bulkhead != null) {
            if (!bulkhead.tryAcquire()) {
                bulkheadFull(t, bulkhead);
                return Healing.SHORT_CIRCUIT;
            }
            permit = true;
        }
        boolean probe = false;
        CircuitBreaker breaker = t.breaker();
        if (breaker != null) {
            int admission = breaker.admit();
            if (admission == CircuitBreaker.REJECT) {
                if (permit) {
                    bulkhead.release();
                }
                return Healing.SHORT_CIRCUIT;
            }
            probe = admission == CircuitBreaker.PROBE;
        }
        return startAttempt(t, permit, probe);
    }

    /** The ticket of one run of the body: shared constants unless it must be timed. */
    private Ticket startAttempt(TargetRuntime t, boolean permit, boolean probe) {
        long timeout = t.timeoutNanos();
        CircuitBreaker breaker = t.breaker();
        if (timeout == 0 && (breaker == null || !breaker.measuresDuration()) && t.latency() == null) {
            return Ticket.of(permit, probe);
        }
        return new Ticket(permit, probe, clock.nanoTime(), timeout == 0 ? null : timeouts.arm(timeout));
    }

    @Override
    public Object shortCircuit(int siteId, Object self, Object[] arguments) {
        Site site = sites.get(siteId);
        TargetRuntime t = site.target();
        String reason = blockedBy(t);
        if (reason == null) {
            return Healing.PROCEED;   // released or closed since enter: run the body after all
        }
        Object value = site.fallback().apply(self, null, arguments);
        if (value == Healing.NEEDS_ARGUMENTS) {
            return value;
        }
        TargetStats stats = t.stats();
        stats.shortCircuits.increment();
        boolean answered = value != FallbackChain.NO_VALUE;
        if (answered) {
            stats.fallbacks.increment();
        }
        long count = t.shortCircuitEvents().occurred();
        if (count > 0) {
            publish(event(EventType.SHORT_CIRCUITED, site)
                    .strategy(reason.equals("circuit-open") ? "circuit-breaker" : "isolate").with("reason", reason)
                    .with("answer", answered ? "fallback" : "exception").with("count", count)
                    .message(count == 1 ? "call not run: " + reason
                            : count + " calls not run since the last report: " + reason));
        }
        if (answered) {
            return value;
        }
        throw refusal(t, reason);
    }

    /** Why calls of {@code t} are refused now, or {@code null} when nothing blocks them. */
    private static String blockedBy(TargetRuntime t) {
        if (t.isolation().maybeIsolated()) {
            return "isolated";
        }
        CircuitBreaker breaker = t.breaker();
        if (breaker != null && !breaker.isClosed()) {
            return "circuit-open";
        }
        return t.bulkhead() != null ? "bulkhead-full" : null;
    }

    private static RuntimeException refusal(TargetRuntime t, String reason) {
        switch (reason) {
            case "isolated": {
                long until = t.isolation().untilMillis();
                return new IsolatedException(t.name(), until < 0 ? "quarantined until released"
                        : "quarantined until " + Instant.ofEpochMilli(until));
            }
            case "circuit-open":
                return new CircuitOpenException(t.name(), t.breaker().openUntilMillis());
            default:
                return new IsolatedException(t.name(), "bulkhead full: " + t.bulkhead().max()
                        + " calls already running (isolate.max-concurrent)");
        }
    }

    private void bulkheadFull(TargetRuntime t, Bulkhead bulkhead) {
        long count = t.bulkheadEvents().occurred();
        if (count > 0) {
            publish(Event.of(EventType.BULKHEAD_FULL, clock.currentTimeMillis()).target(t.name())
                    .strategy("isolate").with("maxConcurrent", bulkhead.max()).with("count", count)
                    .message(count + " call(s) refused: " + bulkhead.max() + " already running"));
        }
    }

    @Override
    public void success(int siteId, Object token) {
        if (FaultInjection.SUCCESS) {
            throw FaultInjection.fault("success");
        }
        if (token == null) {
            Site site = sites.get(siteId);
            TargetRuntime t = site.target();
            if (t.guarded() && !t.closedBreakerIsFree() && !ReentryGuard.inAgentWork()) {
                attemptSucceeded(site, t, null);
            }
            return;
        }
        Site site = sites.get(siteId);
        TargetRuntime t = site.target();
        CallState call = token instanceof CallState c ? c : null;
        // Any other token (Healing.SHORT_CIRCUIT, when shortCircuit said PROCEED) holds nothing.
        attemptSucceeded(site, t, call != null ? call.ticket : token instanceof Ticket tk ? tk : null);
        if (call != null && call.failed) {
            t.stats().healed.increment();
            long healMillis = millisSince(call.firstFailureNanos);
            adaptive.finished(t, call, AdaptiveHealing.Ending.RERUN_RETURNED, healMillis);
            publish(AdaptiveHealing.describe(classified(event(EventType.HEALED, site), call.classification)
                    .strategy("retry").attempt(call.attempt).durationMs(healMillis), call));
        }
    }

    private void attemptSucceeded(Site site, TargetRuntime t, Ticket ticket) {
        try {
            if (ticket != null && ticket.timer != null && ticket.timer.finish()) {
                // The body ignored the interrupt and finished after its timeout: its value stands
                // (the work is done), but the overrun counts as a failure for breaker and isolation.
                TimeoutException late = timeoutException(site, null);
                timedOutEvent(site, t, late, null, 0, "completed-late");
                recordForGuards(t, ticket, late);
                return;
            }
            CircuitBreaker breaker = t.breaker();
            if (breaker != null) {
                long duration = ticket != null && breaker.measuresDuration() ? clock.nanoTime() - ticket.startNanos : 0;
                breaker.onSuccess(ticket != null && ticket.probe, duration);
            }
            t.isolation().onSuccess();
            if (ticket != null && t.latency() != null) {
                t.latency().record(clock.nanoTime() - ticket.startNanos);
            }
        } finally {
            if (ticket != null && ticket.permit) {
                t.bulkhead().release();
            }
        }
    }

    @Override
    public Object failure(int siteId, Object token, Object self, Throwable thrown, Object[] arguments) {
        if (FaultInjection.FAILURE) {
            throw FaultInjection.fault("failure");
        }
        // The gateway (Healing.failure) marks this thread as in agent work around this method.
        Site site = sites.get(siteId);
        TargetRuntime target = site.target();
        TargetStats stats = target.stats();
        CallState call;
        Ticket ticket;
        if (token instanceof CallState c) {
            call = c;
            ticket = c.ticket;
        } else {
            call = new CallState(null);
            ticket = token instanceof Ticket t ? t : null;
        }
        call.failedAt(clock.nanoTime());
        call.ticket = null;
        boolean permitPassedOn = false;
        try {
            Throwable failure = thrown;
            if (ticket != null && ticket.timer != null && ticket.timer.finish()) {
                failure = timeoutException(site, thrown);
                timedOutEvent(site, target, failure, thrown, call.attempt, "interrupted");
            }
            Classification cls = Classifier.classify(failure);
            call.classification = cls;


            stats.failures.increment();
            stats.recordError(failure, clock.currentTimeMillis());
            target.failureStreak().onFailure();
            adaptive.chooseAtFirstFailure(target, call, failure);
            if (call.reportedFailures < 0) {
                call.reportedFailures = target.failureEvents(failure.getClass().getName(), false).occurred();
            }
            if (call.reportedFailures > 0) {
                Event detected = classified(event(EventType.ERROR_DETECTED, site), cls).exception(failure)
                        .attempt(call.attempt);
                if (call.attempt == 1 && call.reportedFailures > 1) {
                    detected.with("count", call.reportedFailures);
                }
                publish(AdaptiveHealing.describe(detected, call));
            }
            state.onFailure(site, call, self, failure);   // restore-checkpoint, then restore: before anything else acts
            applyStagedPatch(target, failure);   // hot-patch: the fix is in for the next call; this one goes on

            // Circuit breaker and isolation record the attempt before retry decides, so a retry
            // never runs through a circuit that this very failure opened.
            boolean halted = recordForGuards(target, ticket, failure);

            RetryPolicy retry = AdaptiveHealing.retryFor(target, call);
            if (retry != null && retry.hasAttemptsLeft(call.attempt)
                    && selector.applies("retry", retry.filter(), failure)) {
                if (halted) {
                    publish(classified(event(EventType.RETRY, site), cls).exception(failure).strategy("retry")
                            .attempt(call.attempt).with("outcome", "skipped")
                            .message("not retrying: " + haltReason(target)));
                } else {
                    long delay = retry.delayMillis(call.attempt);
                    publish(classified(event(EventType.RETRY, site), cls).exception(failure).strategy("retry")
                            .attempt(call.attempt + 1).with("delayMs", delay).with("maxAttempts", retry.maxAttempts()));
                    if (!clock.sleep(delay)) {
                        publish(classified(event(EventType.RETRY, site), cls).exception(failure).strategy("retry")
                                .attempt(call.attempt).with("outcome", "skipped")
                                .message("backoff interrupted; not retrying (interrupt flag kept)"));
                    } else if (blockedBy(target) != null && !onlyBulkhead(target)) {
                        publish(classified(event(EventType.RETRY, site), cls).exception(failure).strategy("retry")
                                .attempt(call.attempt).with("outcome", "skipped")
                                .message("not retrying: " + haltReason(target) + " during the backoff"));
                    } else {
                        call.attempt++;
                        stats.retries.increment();
                        call.ticket = startAttempt(target, ticket != null && ticket.permit, false);
                        permitPassedOn = true;
                        return call;
                    }
                }
            }

            AdaptiveHealing.beforeFallback(target, call);
            if (selector.applies("fallback", null, failure)) {
                Object value = fallbackValue(site, self, failure, arguments);
                if (value != FallbackChain.NO_VALUE) {
                    stats.fallbacks.increment();
                    stats.healed.increment();
                    long healMillis = millisSince(call.firstFailureNanos);
                    adaptive.finished(target, call, AdaptiveHealing.Ending.FALLBACK_ANSWERED, healMillis);
                    publish(AdaptiveHealing.describe(classified(event(EventType.HEALED, site), cls).exception(failure)
                            .strategy("fallback").attempt(call.attempt).durationMs(healMillis), call));
                    return value;
                }
            }

            stats.unhealed.increment();
            long failedMillis = millisSince(call.firstFailureNanos);
            adaptive.finished(target, call, AdaptiveHealing.Ending.NOT_HEALED, failedMillis);
            long unhealed = target.failureEvents(failure.getClass().getName(), true).occurred();
            if (unhealed > 0) {
                Event failed = AdaptiveHealing.describe(classified(event(EventType.HEALING_FAILED, site), cls)
                        .exception(failure).attempt(call.attempt), call)
                        .durationMs(failedMillis)
                        .message("no strategy healed " + failure.getClass().getName() + "; "
                                + thrown.getClass().getName() + " rethrown unchanged");
                if (unhealed > 1) {
                    failed.with("count", unhealed);
                }
                publish(failed);
            }
            return Healing.RETHROW;
        } finally {
            if (!permitPassedOn && ticket != null && ticket.permit) {
                target.bulkhead().release();
            }
        }
    }

    /**
     * The breaker and isolation take the failed attempt into account.
     *
     * @return true when the circuit is no longer closed or the target is isolated
     */
    private boolean recordForGuards(TargetRuntime t, Ticket ticket, Throwable failure) {
        boolean probe = ticket != null && ticket.probe;
        CircuitBreaker breaker = t.breaker();
        if (breaker != null) {
            if (selector.applies("circuit-breaker", breaker.config().filter(), failure)) {
                breaker.onFailure(probe, failure);
            } else {
                breaker.onSuccess(probe, 0);   // not a failure it counts: the dependency answered
            }
        }
        Isolation isolation = t.isolation();
        if (isolation.countsFailures()
                && selector.applies("isolate", t.config().isolate().filter(), failure)) {
            isolation.onFailure(failure);
        }
        return breaker != null && !breaker.isClosed() || isolation.maybeIsolated();
    }

    private static boolean onlyBulkhead(TargetRuntime t) {
        return "bulkhead-full".equals(blockedBy(t));
    }

    private static String haltReason(TargetRuntime t) {
        return t.isolation().maybeIsolated() ? "the target is isolated" : "the circuit is open";
    }

    private TimeoutException timeoutException(Site site, Throwable cause) {
        TimeoutException e = new TimeoutException(site.className() + "#" + site.methodName() + " ran longer than"
                + " its timeout of " + Durations.format(Duration.ofNanos(site.target().timeoutNanos())));
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private void timedOutEvent(Site site, TargetRuntime t, Throwable timeout, Throwable thrown, int attempt,
            String outcome) {
        t.stats().timeouts.increment();
        Event e = classified(event(EventType.TIMEOUT, site), Classifier.classify(timeout)).strategy("timeout")
                .with("timeoutMs", TimeUnit.NANOSECONDS.toMillis(t.timeoutNanos())).with("outcome", outcome)
                .message(timeout.getMessage());
        if (thrown != null) {
            e.with("exception", thrown.getClass().getName());
        }
        if (attempt > 0) {
            e.attempt(attempt);
        }
        publish(e);
    }

    /**
     * The {@code hot-patch} strategy: the first matching failure applies the target's staged
     * patch; this call then goes on through the rest of the chain (later calls run the fix).
     */
    private void applyStagedPatch(TargetRuntime target, Throwable thrown) {
        HotPatchStrategy hotPatch = target.hotPatch();
        if (hotPatch == null) {
            return;
        }
        try {
            hotPatch.onFailure(thrown, patchApplier);
        } catch (RuntimeException | LinkageError e) {
            faults.report("hot-patch strategy of " + target.name(), e);
        }
    }

    /** The fallback chain's value; a fault of the agent's own here is reported and means "no value". */
    private Object fallbackValue(Site site, Object self, Throwable thrown, Object[] arguments) {
        try {
            if (FaultInjection.FALLBACK) {
                throw FaultInjection.fault("fallback");
            }
            return site.fallback().apply(self, thrown, arguments);
        } catch (RuntimeException | LinkageError fault) {
            faults.report("fallback", fault);
            return FallbackChain.NO_VALUE;
        }
    }

    @Override
    public void fault(String where, Throwable fault) {
        faults.report(where, fault);
    }

    // ---------------------------------------------------------------- guard transitions

    @Override
    public void circuitChanged(TargetRuntime target, CircuitState from, CircuitState to, String reason,
            Initiator by, Throwable cause) {
        EventType type = to == CircuitState.OPEN ? EventType.CIRCUIT_OPENED
                : to == CircuitState.HALF_OPEN ? EventType.CIRCUIT_HALF_OPEN : EventType.CIRCUIT_CLOSED;
        CircuitBreaker breaker = target.breaker();
        Event e = Event.of(type, clock.currentTimeMillis()).target(target.name()).strategy("circuit-breaker")
                .with("from", from.wireName()).with("reason", reason);
        if (to == CircuitState.OPEN) {
            e.with("openForMs", breaker.config().openFor().toMillis())
                    .with("retryAt", Instant.ofEpochMilli(breaker.openUntilMillis()).toString());
        }
        if (to == CircuitState.HALF_OPEN) {
            e.with("halfOpenCalls", breaker.config().halfOpenCalls());
        }
        e.with("by", wire(by));
        if (from == CircuitState.HALF_OPEN) {
            e.with("probes", breaker.probesAdmitted());
        }
        if (cause != null) {
            classified(e.exception(cause), Classifier.classify(cause));
        }
        publish(e);
    }

    @Override
    public void isolationChanged(TargetRuntime target, boolean isolated, String reason, Initiator by,
            long forMillis, Throwable cause) {
        Event e = Event.of(isolated ? EventType.ISOLATED : EventType.RELEASED, clock.currentTimeMillis())
                .target(target.name()).strategy("isolate").with("reason", reason)
                .with("by", wire(by));
        if (isolated) {
            e.with("forMs", forMillis < 0 ? null : forMillis).with("until", forMillis < 0 ? "released"
                    : Instant.ofEpochMilli(target.isolation().untilMillis()).toString());
        }
        if (cause != null) {
            classified(e.exception(cause), Classifier.classify(cause));
        }
        publish(e);
    }

    /** The {@code by} of a transition made by hand (operator, policy, prediction, ...), else null. */
    private static String wire(Initiator by) {
        return by == null ? null : by.wireName();
    }

    // ---------------------------------------------------------------- fallback listener

    @Override
    public void fallbackUsed(Site site, FallbackEntry entry, Throwable thrown) {
        if (thrown == null) {
            return;   // a short-circuit: reported, throttled, as short-circuited
        }
        publish(classified(event(EventType.FALLBACK, site), Classifier.classify(thrown)).strategy("fallback")
                .with("fallback", entry.toString()));
    }

    @Override
    public void fallbackBroken(Site site, FallbackEntry entry, Throwable why) {
        publish(classified(event(EventType.FALLBACK, site), Classifier.classify(why)).strategy("fallback")
                .with("fallback", entry.toString()).with("outcome", "failed").with("reason", String.valueOf(why))
                .message("fallback entry could not answer; trying the next one"));
    }

    // ---------------------------------------------------------------- helpers

    Event event(EventType type, Site site) {
        return Event.of(type, clock.currentTimeMillis()).target(site.target().name())
                .method(site.className(), site.methodName());
    }

    private static Event classified(Event e, Classification c) {
        if (c == null) {
            return e;
        }
        return e.with("category", c.category().wireName()).with("severity", c.severity().wireName());
    }

    private long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
    }

    /** Publishes an event; a failing sink counts as an agent fault, never reaches the caller. */
    public void publish(Event e) {
        try {
            if (FaultInjection.EVENTS) {
                throw FaultInjection.fault("events");
            }
            events.publish(e);
        } catch (RuntimeException fault) {
            faults.report("event-writing", fault);
        }
    }
}
