package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.config.Durations;
import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.RateLimitConfig;
import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.limit.AdaptiveLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The healing log's events as the engine writes them: how each is formed from a site, a target and
 * a failure, and published so that a failing sink is an agent fault, never the caller's problem.
 * Also hears the guards' transitions and the fallback chain's steps.
 */
final class HealingEvents implements GuardListener, FallbackChain.Listener, ConcurrencyLimit.LimitListener {
    private final EventSink sink;
    private final Clock clock;
    private final AgentFaults faults;

    HealingEvents(EventSink sink, Clock clock, AgentFaults faults) {
        this.sink = sink;
        this.clock = clock;
        this.faults = faults;
    }

    EventSink sink() {
        return sink;
    }

    /** An event about a call at {@code site}. */
    Event event(EventType type, Site site) {
        Event e = Event.of(type, clock.currentTimeMillis()).target(site.target().name())
                .method(site.className(), site.methodName());
        return site.async() ? e.with("async", Boolean.TRUE) : e;   // a method that returns a stage
    }

    /** An event about a target as a whole. */
    Event event(EventType type, TargetRuntime target) {
        return Event.of(type, clock.currentTimeMillis()).target(target.name());
    }

    /** An event about a failed run: its exception, category and severity. */
    Event failure(EventType type, Failure f) {
        return drill(classified(event(type, f.site), f.call.classification).exception(f.failure), f.call);
    }

    /** Marks an event about a call a drill touched, so it is never read as a real outage. */
    static Event drill(Event e, CallState call) {
        return drill(e, call != null && call.drill != null);
    }

    static Event drill(Event e, boolean touched) {
        return touched ? e.with("drill", true) : e;
    }

    static Event classified(Event e, Classification c) {
        if (c == null) {
            return e;
        }
        return e.with("category", c.category().wireName()).with("severity", c.severity().wireName());
    }

    /** Publishes an event; a failing sink counts as an agent fault, never reaches the caller. */
    void publish(Event e) {
        try {
            FaultInjection.at(FaultInjection.EVENTS);
            sink.publish(e);
        } catch (RuntimeException fault) {
            faults.report("event-writing", fault);
        }
    }

    TimeoutException timeoutException(Site site, Throwable cause) {
        TimeoutException e = new TimeoutException(site.className() + "#" + site.methodName() + " ran longer than"
                + " its timeout of " + Durations.format(Duration.ofNanos(site.target().timeoutNanos())));
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** @param call the call whose run overran, when known (a drill's touched call is marked so) */
    void timedOut(Site site, TargetRuntime t, Throwable timeout, Throwable thrown, int attempt, String outcome,
            CallState call) {
        t.stats().timeouts.increment();
        Event e = classified(event(EventType.TIMEOUT, site), Classifier.classify(timeout))
                .strategy(Strategy.TIMEOUT.wireName())
                .with("timeoutMs", TimeUnit.NANOSECONDS.toMillis(t.timeoutNanos())).with("outcome", outcome)
                .message(timeout.getMessage());
        if (thrown != null) {
            e.with("exception", thrown.getClass().getName());
        }
        if (attempt > 0) {
            e.attempt(attempt);
        }
        publish(drill(e, call));
    }

    void bulkheadFull(TargetRuntime t, Bulkhead bulkhead) {
        long count = t.bulkheadEvents().occurred();
        if (count > 0) {
            publish(event(EventType.BULKHEAD_FULL, t).strategy(Strategy.ISOLATE.wireName())
                    .with("maxConcurrent", bulkhead.max()).with("count", count)
                    .message(count + " call(s) refused: " + bulkhead.max() + " already running"));
        }
    }

    void shortCircuited(Site site, String reason, boolean answered, long count) {
        publish(event(EventType.SHORT_CIRCUITED, site)
                .strategy((reason.equals("circuit-open") ? Strategy.CIRCUIT_BREAKER
                        : reason.equals("concurrency-limited") ? Strategy.CONCURRENCY_LIMIT : Strategy.ISOLATE).wireName())
                .with("reason", reason).with("answer", answered ? "fallback" : "exception").with("count", count)
                .message(count == 1 ? "call not run: " + reason
                        : count + " calls not run since the last report: " + reason));
    }

    void rateLimited(Site site, RateLimiter limiter, boolean answered, long count) {
        publish(event(EventType.RATE_LIMITED, site).strategy(Strategy.RATE_LIMIT.wireName())
                .with("limit", describe(limiter.config())).with("answer", answered ? "fallback" : "exception")
                .with("count", count)
                .with("nextPermitInMs", limiter.millisToNextPermit())
                .message(count == 1 ? "call refused: no permit" : count + " calls refused since the last report: no permit"));
    }

    /** A rate limit as the config wrote it, for events and exceptions: "100 per 1s, burst 20, wait 5ms". */
    static String describe(RateLimitConfig c) {
        StringBuilder sb = new StringBuilder().append(c.permits()).append(" per ").append(Durations.format(c.per()));
        if (c.burst() > 0) {
            sb.append(", burst ").append(c.burst());
        }
        if (!c.waitFor().isZero()) {
            sb.append(", wait ").append(Durations.format(c.waitFor()));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- guard transitions

    @Override
    public void circuitChanged(TargetRuntime target, CircuitState from, CircuitState to, String reason,
            Initiator by, Throwable cause) {
        EventType type = to == CircuitState.OPEN ? EventType.CIRCUIT_OPENED
                : to == CircuitState.HALF_OPEN ? EventType.CIRCUIT_HALF_OPEN : EventType.CIRCUIT_CLOSED;
        CircuitBreaker breaker = target.breaker();
        Event e = event(type, target).strategy(Strategy.CIRCUIT_BREAKER.wireName())
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
        Event e = event(isolated ? EventType.ISOLATED : EventType.RELEASED, target)
                .strategy(Strategy.ISOLATE.wireName()).with("reason", reason).with("by", wire(by));
        if (isolated) {
            e.with("forMs", forMillis < 0 ? null : forMillis).with("until", forMillis < 0 ? "released"
                    : Instant.ofEpochMilli(target.isolation().untilMillis()).toString());
        }
        if (cause != null) {
            classified(e.exception(cause), Classifier.classify(cause));
        }
        publish(e);
    }

    @Override
    public void limitChanged(TargetRuntime target, int from, int to, Initiator by) {
        AdaptiveLimiter limiter = target.limit().limiter();
        publish(event(EventType.LIMIT_CHANGED, target).strategy(Strategy.CONCURRENCY_LIMIT.wireName())
                .with("from", from).with("to", to).with("algorithm", limiter.algorithm())
                .with("inFlight", limiter.inFlight())
                .with("baselineMs", Math.round(limiter.baselineNanos() / 1e4) / 100.0)
                .with("by", wire(by))
                .message("concurrency limit " + from + " -> " + to + (by == null ? "" : " (set by " + by.wireName() + ")")));
    }

    /** The {@code by} of a transition made by hand (operator, policy, prediction, ...), else null. */
    private static String wire(Initiator by) {
        return by == null ? null : by.wireName();
    }

    // ---------------------------------------------------------------- fallback chain

    @Override
    public void fallbackUsed(Site site, FallbackEntry entry, Throwable thrown, boolean drill) {
        if (thrown == null) {
            return;   // a short-circuit: reported, throttled, as short-circuited
        }
        publish(drill(classified(event(EventType.FALLBACK, site), Classifier.classify(thrown))
                .strategy(Strategy.FALLBACK.wireName()).with("fallback", entry.toString())
                .with("exception", thrown.getClass().getName()), drill));
    }

    @Override
    public void fallbackBroken(Site site, FallbackEntry entry, Throwable why, boolean drill) {
        publish(drill(classified(event(EventType.FALLBACK, site), Classifier.classify(why))
                .strategy(Strategy.FALLBACK.wireName()).with("fallback", entry.toString()).with("outcome", "failed")
                .with("reason", String.valueOf(why)).message("fallback entry could not answer; trying the next one"), drill));
    }
}
