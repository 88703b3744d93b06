package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.bootstrap.CircuitOpenException;
import io.selfheal.bootstrap.ConcurrencyLimitedException;
import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.IsolatedException;
import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Runs a target's stages for each woven call: the work of {@link io.selfheal.bootstrap.Healing}'s
 * four entry points. At enter the stages admit the run from the outermost in (or the call
 * short-circuits); when the body returns they keep their books from the innermost out; when it
 * throws each stage in the order of healing acts or passes, until one decides (a value, a retry)
 * or none does and the exception is rethrown, unchanged.
 *
 * <p>The success path of a call that did not fail allocates nothing and takes no lock: for a
 * target whose stages need nothing at enter it reads one flag and increments the call counter, a
 * plain store into the calling thread's own cell ({@link ThreadCellCounter}); a circuit breaker
 * adds a volatile read at enter; a bulkhead a CAS at each end. A short-circuit by an open circuit
 * reads no clock (a timer says when the next probe is due) and allocates nothing. State a call needs
 * across retries lives in a {@link CallState} created at its first failure; timed runs carry a
 * {@link Ticket}.
 */
final class HealingPipeline {
    private final SiteRegistry sites;
    private final EngineContext context;
    private final HealingEvents events;
    private final Clock clock;

    HealingPipeline(SiteRegistry sites, EngineContext context) {
        this.sites = sites;
        this.context = context;
        this.events = context.events();
        this.clock = context.clock();
    }

    // ---------------------------------------------------------------- enter

    Object enter(int siteId, Object self) {
        FaultInjection.at(FaultInjection.ENTER);
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
            CallState call = context.state().enter(site, restore, self);   // the snapshot every retry starts from
            if (call == null) {
                return admitted;
            }
            call.ticket = admitted instanceof Ticket tk ? tk : null;
            return call;
        } catch (Throwable e) {
            context.faults().report("restore-snapshot", e);
            return admitted;
        } finally {
            ReentryGuard.unmark();
        }
    }

    /** A quarantine (by failures, an operator or a policy) first, then each stage from the outside in. */
    private Object admit(TargetRuntime t) {
        if (t.isolation().blocks()) {
            return Healing.SHORT_CIRCUIT;
        }
        Stage[] stages = t.admitting();
        int held = Stage.ADMITTED;
        for (int i = 0; i < stages.length; i++) {
            int admission = stages[i].admit();
            if (admission == Stage.REFUSED) {
                for (int j = 0; j < i; j++) {
                    stages[j].giveBack(held);
                }
                return Healing.SHORT_CIRCUIT;
            }
            held |= admission;
        }
        return context.runs().start(t, (held & Stage.PERMIT) != 0, (held & Stage.PROBE) != 0);
    }

    // ---------------------------------------------------------------- short-circuit

    Object shortCircuit(int siteId, Object self, Object[] arguments) {
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
            events.shortCircuited(site, reason, answered, count);
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
        ConcurrencyLimit limit = t.limit();
        if (limit != null && (t.bulkhead() == null || limit.full())) {
            return "concurrency-limited";   // never PROCEED: every admitted run must hold a slot
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
            case "concurrency-limited":
                return new ConcurrencyLimitedException(t.name(), t.limit().limiter().admittedLimit());
            default:
                return new IsolatedException(t.name(), "bulkhead full: " + t.bulkhead().max()
                        + " calls already running (isolate.max-concurrent)");
        }
    }

    // ---------------------------------------------------------------- success

    void success(int siteId, Object token) {
        FaultInjection.at(FaultInjection.SUCCESS);
        if (token == null) {
            Site site = sites.get(siteId);
            TargetRuntime t = site.target();
            if (t.guarded() && !t.closedBreakerIsFree() && !ReentryGuard.inAgentWork()) {
                runReturned(site, t, null);
            }
            return;
        }
        Site site = sites.get(siteId);
        TargetRuntime t = site.target();
        CallState call = token instanceof CallState c ? c : null;
        // Any other token (Healing.SHORT_CIRCUIT, when shortCircuit said PROCEED) holds nothing.
        runReturned(site, t, call != null ? call.ticket : token instanceof Ticket tk ? tk : null);
        if (call != null && call.failed) {
            t.stats().healed.increment();
            long healMillis = millisSince(call.firstFailureNanos);
            context.adaptive().finished(t, call, AdaptiveHealing.Ending.RERUN_RETURNED, healMillis);
            Event healed = HealingEvents.classified(events.event(EventType.HEALED, site), call.classification)
                    .strategy(Strategy.RETRY.wireName()).attempt(call.attempt).durationMs(healMillis);
            events.publish(AdaptiveHealing.describe(healed, call));
        }
    }

    /** The stages keep their books on a run that returned; a run that overran its timeout counts as failed. */
    private void runReturned(Site site, TargetRuntime t, Ticket ticket) {
        try {
            Throwable late = null;
            for (Stage stage : t.succeeding()) {
                late = stage.succeeded(site, ticket, late);
            }
            if (late == null && ticket != null && t.latency() != null) {
                t.latency().record(clock.nanoTime() - ticket.startNanos);
            }
        } finally {
            for (Stage stage : t.admitting()) {
                stage.ended(ticket);
            }
        }
    }

    // ---------------------------------------------------------------- failure

    /** The gateway ({@code Healing.failure}) marks this thread as in agent work around this method. */
    Object failure(int siteId, Object token, Object self, Throwable thrown, Object[] arguments) {
        FaultInjection.at(FaultInjection.FAILURE);
        Site site = sites.get(siteId);
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
        Failure f = new Failure(site, call, ticket, self, thrown, arguments);
        try {
            for (Stage stage : f.target.stages()) {
                Object decision = stage.failed(f);
                if (decision != Stage.CONTINUE) {
                    return decision;
                }
            }
            return unhealed(f);
        } finally {
            if (!f.permitPassedOn) {
                for (Stage stage : f.target.admitting()) {
                    stage.ended(ticket);
                }
            }
        }
    }

    /** No stage healed: counted, reported (throttled per exception type), and rethrown unchanged. */
    private Object unhealed(Failure f) {
        TargetRuntime target = f.target;
        target.stats().unhealed.increment();
        long failedMillis = millisSince(f.call.firstFailureNanos);
        context.adaptive().finished(target, f.call, AdaptiveHealing.Ending.NOT_HEALED, failedMillis);
        long count = target.failureEvents(f.failure.getClass().getName(), true).occurred();
        if (count > 0) {
            Event failed = AdaptiveHealing.describe(events.failure(EventType.HEALING_FAILED, f)
                    .attempt(f.call.attempt), f.call)
                    .durationMs(failedMillis)
                    .message("no strategy healed " + f.failure.getClass().getName() + "; "
                            + f.thrown.getClass().getName() + " rethrown unchanged");
            if (count > 1) {
                failed.with("count", count);
            }
            events.publish(failed);
        }
        return Healing.RETHROW;
    }

    private long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
    }
}
