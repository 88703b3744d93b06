package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.HealingHandler;
import io.selfheal.bootstrap.IsolatedException;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    /** Replaced whole on a config reload, never changed in place: readers take no lock. */
    private volatile Map<String, TargetRuntime> targets;
    private final SiteRegistry sites = new SiteRegistry();
    private final EventSink events;
    private final Clock clock;
    private final AgentFaults faults;

    public HealingEngine(AgentConfig config, EventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
        this.faults = new AgentFaults(events);
        Map<String, TargetRuntime> initial = new LinkedHashMap<>();
        for (TargetConfig t : config.targets()) {
            initial.put(t.name(), new TargetRuntime(t));
        }
        this.targets = Collections.unmodifiableMap(initial);
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
                next.put(t.name(), new TargetRuntime(t));
                (before == null ? added : changed).add(t.name());
            }
        }
        Set<String> removed = new TreeSet<>(old.keySet());
        removed.removeAll(next.keySet());
        targets = Collections.unmodifiableMap(next);
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
        TargetRuntime target = sites.get(site).target();
        target.stats().calls.increment();
        if (target.isIsolated()) {
            return Healing.SHORT_CIRCUIT;
        }
        // Only a target that measures latency pays for a token; the others allocate nothing.
        return target.latency() == null ? null : new CallStart(clock.nanoTime());
    }

    @Override
    public Object shortCircuit(int siteId, Object self, Object[] arguments) {
        TargetRuntime target = sites.get(siteId).target();
        if (!target.isIsolated()) {
            return Healing.PROCEED;
        }
        target.stats().shortCircuits.increment();
        publish(event(EventType.SHORT_CIRCUITED, sites.get(siteId)).strategy("isolate"));
        throw new IsolatedException(target.name(), "isolated by an operator");
    }

    @Override
    public void success(int siteId, Object token) {
        if (token == null) {
            return;
        }
        if (token instanceof CallStart start) {
            sites.get(siteId).target().latency().record(clock.nanoTime() - start.startNanos);
            return;
        }
        if (token instanceof CallState call) {
            Site site = sites.get(siteId);
            site.target().stats().healed.increment();
            if (call.startNanos >= 0 && site.target().latency() != null) {
                site.target().latency().record(clock.nanoTime() - call.startNanos);
            }
            publish(event(EventType.HEALED, site).strategy("retry").attempt(call.attempt)
                    .durationMs(millisSince(call.firstFailureNanos)));
        }
    }

    @Override
    public Object failure(int siteId, Object token, Object self, Throwable thrown, Object[] arguments) {
        Site site = sites.get(siteId);
        TargetRuntime target = site.target();
        TargetStats stats = target.stats();
        CallState call = token instanceof CallState c ? c : new CallState(clock.nanoTime());
        if (token instanceof CallStart start) {
            call.startNanos = start.startNanos;
        }
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

        Object value = site.fallback().apply(self, thrown, arguments);
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

    /** The token of a call to a latency-measuring target that has not failed (yet). */
    private static final class CallStart {
        final long startNanos;

        CallStart(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    private long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
    }

    /** Publishes an event; a failing sink counts as an agent fault, never reaches the caller. */
    public void publish(Event e) {
        try {
            events.publish(e);
        } catch (RuntimeException fault) {
            faults.report("event-writing", fault);
        }
    }
}
