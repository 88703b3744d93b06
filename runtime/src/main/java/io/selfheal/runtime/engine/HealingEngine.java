package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.HealingHandler;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The healing engine behind {@link Healing}: counts calls and, when a woven body throws, runs the
 * strategies in the order ARCHITECTURE.md fixes (retry, then fallback, then rethrow), publishing
 * an event for every step.
 *
 * <p>The success path of a call that did not fail touches one striped counter and allocates
 * nothing. State a call needs across retries lives in a {@link CallState} created at its first
 * failure.
 */
public final class HealingEngine implements HealingHandler, FallbackChain.Listener {
    private final Map<String, TargetRuntime> targets = new LinkedHashMap<>();
    private final SiteRegistry sites = new SiteRegistry();
    private final EventSink events;
    private final Clock clock;
    private final AgentFaults faults;

    public HealingEngine(AgentConfig config, EventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
        this.faults = new AgentFaults(events);
        FaultInjection.enabled();
        for (TargetConfig t : config.targets()) {
            targets.put(t.name(), new TargetRuntime(t));
        }
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
        return sites.register(key, id -> new Site(id, target, className, methodName, descriptor, loader,
                fallback, this));
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

    public AgentFaults faults() {
        return faults;
    }

    public EventSink events() {
        return events;
    }

    // ---------------------------------------------------------------- woven-code entry points

    @Override
    public Object enter(int site, Object self) {
        if (FaultInjection.ENTER) {
            throw FaultInjection.fault("enter");
        }
        sites.get(site).target().stats().calls.increment();
        return null;
    }

    @Override
    public Object shortCircuit(int site, Object self, Object[] arguments) {
        return Healing.PROCEED;
    }

    @Override
    public void success(int siteId, Object token) {
        if (FaultInjection.SUCCESS) {
            throw FaultInjection.fault("success");
        }
        if (token instanceof CallState call) {
            Site site = sites.get(siteId);
            site.target().stats().healed.increment();
            publish(event(EventType.HEALED, site).strategy("retry").attempt(call.attempt)
                    .durationMs(millisSince(call.firstFailureNanos)));
        }
    }

    @Override
    public Object failure(int siteId, Object token, Object self, Throwable thrown, Object[] arguments) {
        if (FaultInjection.FAILURE) {
            throw FaultInjection.fault("failure");
        }
        Site site = sites.get(siteId);
        TargetRuntime target = site.target();
        TargetStats stats = target.stats();
        CallState call = token instanceof CallState c ? c : new CallState(clock.nanoTime());
        stats.failures.increment();
        stats.recordError(thrown, clock.currentTimeMillis());
        publish(event(EventType.ERROR_DETECTED, site).exception(thrown).attempt(call.attempt));

        RetryPolicy retry = target.retry();
        if (retry != null && retry.allows(thrown, call.attempt)) {
            long delay = retry.delayMillis(call.attempt);
            publish(event(EventType.RETRY, site).exception(thrown).strategy("retry")
                    .attempt(call.attempt + 1).with("delayMs", delay).with("maxAttempts", retry.maxAttempts()));
            if (clock.sleep(delay)) {
                call.attempt++;
                stats.retries.increment();
                return call;
            }
            publish(event(EventType.RETRY, site).exception(thrown).strategy("retry").attempt(call.attempt)
                    .message("backoff interrupted; not retrying (interrupt flag kept)"));
        }

        Object value = fallbackValue(site, self, thrown, arguments);
        if (value != FallbackChain.NO_VALUE) {
            stats.fallbacks.increment();
            stats.healed.increment();
            publish(event(EventType.HEALED, site).exception(thrown).strategy("fallback").attempt(call.attempt)
                    .durationMs(millisSince(call.firstFailureNanos)));
            return value;
        }

        stats.unhealed.increment();
        publish(event(EventType.HEALING_FAILED, site).exception(thrown).attempt(call.attempt)
                .durationMs(millisSince(call.firstFailureNanos))
                .message("no strategy healed " + thrown.getClass().getName() + "; rethrown unchanged"));
        return Healing.RETHROW;
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

    // ---------------------------------------------------------------- fallback listener

    @Override
    public void fallbackUsed(Site site, FallbackEntry entry) {
        publish(event(EventType.FALLBACK, site).strategy("fallback").with("fallback", entry.toString()));
    }

    @Override
    public void fallbackBroken(Site site, FallbackEntry entry, Throwable why) {
        publish(event(EventType.FALLBACK, site).strategy("fallback").with("fallback", entry.toString())
                .with("outcome", "failed").with("reason", String.valueOf(why))
                .message("fallback entry could not answer; trying the next one"));
    }

    // ---------------------------------------------------------------- helpers

    private Event event(EventType type, Site site) {
        return Event.of(type, clock.currentTimeMillis()).target(site.target().name())
                .method(site.className(), site.methodName());
    }

    private long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
    }

    private void publish(Event e) {
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
