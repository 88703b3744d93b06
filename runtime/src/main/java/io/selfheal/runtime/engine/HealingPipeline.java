package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.bootstrap.CircuitOpenException;
import io.selfheal.bootstrap.ConcurrencyLimitedException;
import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Injection;
import io.selfheal.bootstrap.IsolatedException;
import io.selfheal.bootstrap.RateLimitedException;
import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    private final AsyncCalls async;

    /** @param scheduler where an asynchronous call's timeouts and runs again happen (tests inject one) */
    HealingPipeline(SiteRegistry sites, EngineContext context, AsyncCalls.Scheduler scheduler) {
        this.sites = sites;
        this.context = context;
        this.events = context.events();
        this.clock = context.clock();
        this.async = new AsyncCalls(this, context, scheduler);
    }

    // ---------------------------------------------------------------- enter

    Object enter(int siteId, Object self) {
        FaultInjection.at(FaultInjection.ENTER);
        if (ReentryGuard.anyMarks()) {
            if (ReentryGuard.takeRaw(siteId)) {
                return BodyInvoker.RAW_RUN;   // a run the runtime makes itself: one more attempt, untracked
            }
            if (ReentryGuard.inAgentWork()) {
                return null;   // called from inside the agent's own work: run as if unwoven
            }
        }
        Site site = sites.get(siteId);
        TargetRuntime t = site.target();
        t.stats().calls.increment();
        Drill drill = t.drill();   // one volatile read: null unless a drill runs on the target
        if (drill != null && drill.touches()) {
            return touched(site, t, self, drill);
        }
        return enterRun(site, t, self);
    }

    /** Enter without a drill: admission and the snapshot, when the target's stages need them. */
    private Object enterRun(Site site, TargetRuntime t, Object self) {
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
        Object admitted = admits ? admit(t, !site.async()) : null;
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

    /**
     * The entry of a site of a target with {@code hedge:} (woven to pass its arguments; no other site
     * calls it): as {@link #enter}, then the call's copies are scheduled and the call's token is its
     * {@link HedgedCall}. A call that short-circuits, snapshots state or is a copy itself is not hedged.
     */
    Object enterHedged(int siteId, Object self, Object[] arguments) {
        Object token = enter(siteId, self);
        if (token != null && !(token instanceof Ticket)) {
            return token;
        }
        Site site = sites.get(siteId);
        Hedging hedging = site.target().hedging();
        if (hedging == null || ReentryGuard.inAgentWork()) {
            return token;
        }
        HedgedCall call = hedging.start(site, self, arguments, (Ticket) token);
        return call == null ? token : call;
    }

    /**
     * A call a drill touched: admitted as any other (so a timeout times the drill's latency), then
     * short-circuited so that {@link #shortCircuit} injects the fault; {@code --return} is not
     * admitted at all, as the body does not run.
     */
    private Object touched(Site site, TargetRuntime t, Object self, Drill drill) {
        t.stats().drillFaults.increment();
        Object token = drill.spec().fault() == DrillSpec.Fault.RETURN ? null : enterRun(site, t, self);
        CallState call = callOf(token);
        call.drill = drill;
        call.drillStartNanos = clock.nanoTime();
        call.drillRefused = token == Healing.SHORT_CIRCUIT;
        context.drills().pend(call);
        return Healing.SHORT_CIRCUIT;
    }

    /**
     * A quarantine (by failures, an operator or a policy) first, then each stage from the outside in.
     *
     * @param interrupting whether a timeout interrupts the run (not a run that returns a stage: its stage times out)
     */
    private Object admit(TargetRuntime t, boolean interrupting) {
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
        return context.runs().start(t, (held & Stage.PERMIT) != 0, (held & Stage.PROBE) != 0, interrupting);
    }

    // ---------------------------------------------------------------- short-circuit

    Object shortCircuit(int siteId, Object self, Object[] arguments) {
        Site site = sites.get(siteId);
        if (context.drills().anyActive()) {
            CallState call = context.drills().takePending();
            if (call != null) {
                return inject(site, self, arguments, call);
            }
        }
        return shortCircuitRun(site, self, arguments);
    }

    /**
     * The drill's fault for a touched call: {@code --return}'s value (the body does not run),
     * {@code --throw}'s exception or {@code --latency}'s wait and then the body, both handed to the
     * woven code as an {@link Injection} so the call heals as any other.
     */
    private Object inject(Site site, Object self, Object[] arguments, CallState call) {
        Drill drill = call.drill;
        try {
            if (call.drillRefused) {
                return shortCircuitTouched(site, self, arguments, call);
            }
            switch (drill.spec().fault()) {
                case RETURN: {
                    Object value = drill.returnValue(site);
                    drill.unhealed(call);   // the literal reaches the caller: nothing heals an answer
                    return value;
                }
                case THROW:
                    return new Injection(call, drill.newFault(site));
                default: {
                    long millis = drill.spec().latency().toMillis();
                    if (!clock.sleep(millis)) {
                        Thread.interrupted();   // as a body's interruptible wait leaves it, having thrown
                        return new Injection(call, new InterruptedException("drill latency of " + millis
                                + "ms interrupted"));
                    }
                    return new Injection(call, null);
                }
            }
        } catch (Exception | LinkageError e) {
            drill.dropped(call);
            drill.requestEnd("the fault cannot be made: " + e);   // say why in the report, touch no more
            context.faults().report("drill", e);
            return call.drillRefused ? shortCircuitRun(site, self, arguments)
                    : new Injection(call.ticket, null);   // run the body as if untouched
        }
    }

    /** A touched call whose run was refused (the circuit open, say): the short-circuit answers, or not. */
    private Object shortCircuitTouched(Site site, Object self, Object[] arguments, CallState call) {
        Object answer;
        try {
            answer = shortCircuitRun(site, self, arguments);
        } catch (RuntimeException refusal) {
            call.drill.unhealed(call);
            throw refusal;
        }
        if (answer == Healing.NEEDS_ARGUMENTS) {
            context.drills().pend(call);   // asked again at once, with the arguments
        } else if (answer == Healing.PROCEED) {
            call.drill.dropped(call);   // released since: the body runs, untouched
        } else {
            call.drill.healed(call, "short-circuit");
        }
        return answer;
    }

    private Object shortCircuitRun(Site site, Object self, Object[] arguments) {
        TargetRuntime t = site.target();
        String reason = blockedBy(t);
        if (reason == null) {
            RateLimitStage.forget(t.rateLimiter());
            return Healing.PROCEED;   // released or closed since enter: run the body after all
        }
        Object value = site.fallback().apply(self, null, arguments);
        if (value == Healing.NEEDS_ARGUMENTS) {
            return value;   // asked again with the arguments: the refusal's mark stays for that
        }
        RateLimitStage.forget(t.rateLimiter());
        TargetStats stats = t.stats();
        stats.shortCircuits.increment();
        boolean answered = value != FallbackChain.NO_VALUE;
        if (answered) {
            stats.fallbacks.increment();
        }
        if (reason == RATE_LIMITED) {
            stats.rateLimited.increment();
            long count = t.rateLimitEvents().occurred();
            if (count > 0) {
                events.rateLimited(site, t.rateLimiter(), answered, count);
            }
        } else {
            long count = t.shortCircuitEvents().occurred();
            if (count > 0) {
                events.shortCircuited(site, reason, answered, count);
            }
        }
        if (answered) {
            return site.async() ? AsyncReturn.asReturned(site, value) : value;
        }
        RuntimeException refused = refusal(t, reason);
        if (site.async()) {
            return AsyncReturn.failed(refused);   // a method that returns a stage fails its stage
        }
        throw refused;
    }

    /** Why calls of {@code t} are refused now, or {@code null} when nothing blocks them. */
    private static String blockedBy(TargetRuntime t) {
        boolean rateLimited = RateLimitStage.refused(t.rateLimiter());
        if (t.isolation().maybeIsolated()) {
            return "isolated";
        }
        CircuitBreaker breaker = t.breaker();
        if (breaker != null && !breaker.isClosed()) {
            return "circuit-open";
        }
        if (rateLimited) {
            return RATE_LIMITED;
        }
        ConcurrencyLimit limit = t.limit();
        if (limit != null && (t.bulkhead() == null || limit.full())) {
            return "concurrency-limited";   // never PROCEED: every admitted run must hold a slot
        }
        return t.bulkhead() != null ? "bulkhead-full" : null;
    }

    private RuntimeException refusal(TargetRuntime t, String reason) {
        switch (reason) {
            case "isolated": {
                long until = t.isolation().untilMillis();
                return new IsolatedException(t.name(), until < 0 ? "quarantined until released"
                        : "quarantined until " + Instant.ofEpochMilli(until));
            }
            case "circuit-open":
                return new CircuitOpenException(t.name(), t.breaker().openUntilMillis());
            case RATE_LIMITED:
                return rateLimited(t);
            case "concurrency-limited":
                return new ConcurrencyLimitedException(t.name(), t.limit().limiter().admittedLimit());
            default:
                return new IsolatedException(t.name(), "bulkhead full: " + t.bulkhead().max()
                        + " calls already running (isolate.max-concurrent)");
        }
    }

    private static final String RATE_LIMITED = "rate-limited";

    private RuntimeException rateLimited(TargetRuntime t) {
        RateLimiter limiter = t.rateLimiter();
        long next = clock.currentTimeMillis() + limiter.millisToNextPermit();
        return new RateLimitedException(t.name(), HealingEvents.describe(limiter.config()), next);
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
        if (token == BodyInvoker.RAW_RUN) {
            return;   // the runtime that made the run keeps its books
        }
        if (token instanceof HedgedCall h) {
            h.callerReturned();   // a void method: whichever attempt answered, there is no value to pass on
            success(siteId, h.ticket);
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
            events.publish(HealingEvents.drill(AdaptiveHealing.describe(healed, call), call));
        }
        if (call != null && call.drill != null) {
            drillCallReturned(call);
        }
    }

    /** Out of {@link #success}, whose size decides whether the JIT inlines it into every woven method. */
    private static void drillCallReturned(CallState call) {
        if (call.failed) {
            call.drill.healed(call, call.drillTimedOut ? Strategy.TIMEOUT.wireName() : Strategy.RETRY.wireName());
        } else {
            call.drill.unhealed(call);   // the latency reached the caller: no stage acted on it
        }
    }

    // ---------------------------------------------------------------- returned (retry.on-result)

    /**
     * A run returned {@code value} at a site woven for {@code retry.on-result}: a value it does not
     * name is a success as any other; one it names is a failed attempt: retried while attempts remain
     * (and the circuit is closed, the target not isolated), then answered by the fallback chain with
     * {@code fallback-on-result: true}, else returned as it was. The run itself returned, so its
     * stages keep their books as for a success (a circuit counts it as a call that answered).
     */
    Object returned(int siteId, Object token, Object value, Object self, Object[] arguments) {
        FaultInjection.at(FaultInjection.SUCCESS);   // the success entry point of value-passing sites
        if (token == BodyInvoker.RAW_RUN) {
            return value;   // a copy's run: the hedged call decides
        }
        if (token instanceof HedgedCall h) {
            Object answer = h.callerReturned();
            if (answer != HedgedCall.NO_ANSWER) {
                success(siteId, h.ticket);
                return answer;   // a copy answered first; this attempt's value is dropped
            }
            token = h.ticket;
        }
        Site site = sites.get(siteId);
        ResultCheck check = site.resultCheck();
        if (check == null || ReentryGuard.inAgentWork() || !check.isBad(value, arguments)) {
            success(siteId, token);
            return value;
        }
        boolean began = ReentryGuard.begin();
        try {
            return badResult(site, token, value, self, arguments);
        } finally {
            ReentryGuard.end(began);
        }
    }

    private Object badResult(Site site, Object token, Object value, Object self, Object[] arguments) {
        TargetRuntime t = site.target();
        CallState call = callOf(token);
        Ticket ticket = call.ticket;
        call.failedAt(clock.nanoTime());
        call.ticket = null;
        String result = ResultCheck.render(value);
        RetryPolicy retry = t.retry();
        boolean retrying = retry != null && retry.hasAttemptsLeft(call.attempt) && !RetryStage.halted(t);
        runReturned(site, t, ticket, !retrying);
        if (retrying) {
            long delay = retry.delayMillis(call.attempt);
            events.publish(events.event(EventType.RETRY, site).strategy(Strategy.RETRY.wireName())
                    .attempt(call.attempt + 1).with("delayMs", delay).with("maxAttempts", retry.maxAttempts())
                    .with("result", result).message("the body returned a value retry.on-result names"));
            if (clock.sleep(delay) && !RetryStage.halted(t)) {
                call.attempt++;
                t.stats().retries.increment();
                call.ticket = context.runs().start(t, ticket != null && ticket.permit, false);
                return call;
            }
            release(t, ticket);   // not retried after all: the permit the retry would have run on
        }
        if (t.config().fallbackOnResult()) {
            Object answer = site.fallback().apply(self, null, arguments);
            if (answer != FallbackChain.NO_VALUE && answer != Healing.NEEDS_ARGUMENTS) {
                TargetStats stats = t.stats();
                stats.fallbacks.increment();
                stats.healed.increment();
                long healMillis = millisSince(call.firstFailureNanos);
                events.publish(events.event(EventType.FALLBACK, site).strategy(Strategy.FALLBACK.wireName())
                        .attempt(call.attempt).with("result", result)
                        .message("the body returned a value retry.on-result names; the fallback chain answered"));
                events.publish(events.event(EventType.HEALED, site).strategy(Strategy.FALLBACK.wireName())
                        .attempt(call.attempt).durationMs(healMillis).with("result", result));
                return answer;
            }
        }
        return value;
    }

    /** The stages keep their books on a run that returned; a run that overran its timeout counts as failed. */
    private void runReturned(Site site, TargetRuntime t, Ticket ticket) {
        runReturned(site, t, ticket, true);
    }

    /** As above; {@code release} false when a retry goes on holding the run's permit. */
    private void runReturned(Site site, TargetRuntime t, Ticket ticket, boolean release) {
        try {
            Throwable late = null;
            for (Stage stage : t.succeeding()) {
                late = stage.succeeded(site, ticket, late);
            }
            if (late == null && ticket != null && t.latency() != null) {
                t.latency().record(clock.nanoTime() - ticket.startNanos);
            }
        } finally {
            if (release) {
                release(t, ticket);
            }
        }
    }

    // ---------------------------------------------------------------- a returned stage

    /**
     * A method that returns a stage returned one. A stage that completed already is the call's
     * success at once; any other is followed ({@link AsyncCalls}) and the caller gets ours.
     */
    Object stageReturned(int siteId, Object token, Object self, Object stage, Object[] arguments) {
        FaultInjection.at(FaultInjection.SUCCESS);
        if (token == BodyInvoker.RAW_RUN) {
            return stage;   // a run again: the runtime that made it follows its stage
        }
        Site site = sites.get(siteId);
        if (!site.async() || !(stage instanceof CompletionStage<?> returned)
                || stage instanceof CompletableFuture<?> f && f.isDone() && !f.isCompletedExceptionally()) {
            success(siteId, token);
            return stage;
        }
        if (token == null && ReentryGuard.inAgentWork()) {
            return stage;   // called from inside the agent's own work: as if unwoven
        }
        return async.follow(site, token, self, returned, arguments);
    }

    /**
     * After a returned stage's backoff, before its run again: null when the retry may go ahead;
     * otherwise (the circuit opened or the target was isolated during the backoff) the retry is
     * skipped, what the run would have held is released, and the stages after retry act on the
     * last failure (a fallback), as they do when a synchronous backoff ends so.
     */
    Object beforeRunAgain(Site site, CallState call, Object self, Throwable lastFailure, Object[] arguments) {
        Failure f = new Failure(site, call, null, self, lastFailure, arguments);
        f.asynchronous = true;
        Stage[] stages = site.target().stages();
        int after = -1;
        for (int i = 0; i < stages.length; i++) {
            if (stages[i] instanceof RetryStage r) {
                if (r.stillRetrying(f)) {
                    return null;
                }
                after = i + 1;
                break;
            }
        }
        if (after < 0) {
            return null;
        }
        release(site.target(), call.ticket);
        call.ticket = null;
        for (int i = after; i < stages.length; i++) {
            Object decision = stages[i].failed(f);
            if (decision != Stage.CONTINUE) {
                return decision;
            }
        }
        return unhealed(f);
    }

    /** A run ended, or its ticket is given up without an outcome (an agent fault): what it held is released. */
    void release(TargetRuntime t, Ticket ticket) {
        for (Stage stage : t.admitting()) {
            stage.ended(ticket);
        }
    }

    /** The call a token stands for: its own state, or a fresh one holding the run's ticket (if any). */
    private static CallState callOf(Object token) {
        if (token instanceof CallState c) {
            return c;
        }
        CallState call = new CallState(null);
        call.ticket = token instanceof Ticket t ? t : null;
        return call;
    }

    // ---------------------------------------------------------------- failure

    /** The gateway ({@code Healing.failure}) marks this thread as in agent work around this method. */
    Object failure(int siteId, Object token, Object self, Throwable thrown, Object[] arguments) {
        Object decision = failure(siteId, token, self, thrown, arguments, false);
        if (decision == Healing.RETHROW || decision instanceof CallState) {
            return decision;
        }
        Site site = sites.get(siteId);
        return site.async() ? AsyncReturn.asReturned(site, decision) : decision;   // a value, as the stage returned
    }

    /**
     * @param asynchronous true when the failure is a returned stage's ({@link AsyncCalls}): a retry
     *     then waits no backoff here but says how long the scheduler is to wait
     */
    Object failure(int siteId, Object token, Object self, Throwable thrown, Object[] arguments,
            boolean asynchronous) {
        FaultInjection.at(FaultInjection.FAILURE);
        if (token == BodyInvoker.RAW_RUN) {
            return Healing.RETHROW;   // to the runtime that made the run, which heals it as an attempt
        }
        if (token instanceof HedgedCall h) {
            Object answer = h.callerFailed();
            if (answer != HedgedCall.NO_ANSWER) {
                Site site = sites.get(siteId);
                runReturned(site, site.target(), h.ticket);   // the call answered: a run that returned
                return answer;   // this attempt's exception is dropped, never thrown
            }
            token = h.ticket;   // every attempt failed: this one goes down the pipeline as the call's failure
        }
        Site site = sites.get(siteId);
        CallState call = callOf(token);
        Ticket ticket = call.ticket;
        if (call.drill == null && !call.failed) {
            Drill running = site.target().drill();
            if (running != null) {
                running.untouchedFailure();
            }
        }
        call.failedAt(clock.nanoTime());
        call.ticket = null;
        Failure f = new Failure(site, call, ticket, self, thrown, arguments);
        Drill drill = call.drill;
        f.asynchronous = asynchronous;
        try {
            Stage[] stages = f.target.stages();
            for (int i = 0; i < stages.length; i++) {
                Object decision = stages[i].failed(f);
                if (drill != null && f.failure != f.thrown) {
                    call.drillTimedOut = true;   // the timeout stage took the run for an overrun
                }
                if (decision != Stage.CONTINUE) {
                    if (drill != null && decision != call && decision != Healing.RETHROW) {
                        Strategy by = call.drillTimedOut ? Strategy.TIMEOUT : f.target.stageStrategy(i);
                        drill.healed(call, by == null ? "classify" : by.wireName());
                    } else if (drill != null && decision == Healing.RETHROW) {
                        drill.unhealed(call);
                    }
                    return decision;
                }
            }
            Object rethrow = unhealed(f);
            if (drill != null) {
                drill.unhealed(call);
            }
            return rethrow;
        } catch (RuntimeException | Error fault) {
            if (drill != null) {
                drill.unhealed(call);   // the agent's fault: the gateway rethrows the call's exception
            }
            throw fault;
        } finally {
            if (!f.permitPassedOn) {
                release(f.target, ticket);
            }
        }
    }

    /** No stage healed: counted, reported (throttled per exception type), and rethrown unchanged. */
    private Object unhealed(Failure f) {
        TargetRuntime target = f.target;
        if (f.call.drill == null) {
            target.stats().unhealed.increment();   // a drill's are in its report, not the target's counts
        }
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
