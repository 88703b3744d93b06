package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.bootstrap.CodeHealing;
import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.HealingHandler;
import io.selfheal.runtime.adaptive.AdaptiveStrategies;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.state.Checkpoints;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The healing engine behind {@link Healing}: the configured targets and their woven sites, and
 * the services they share ({@link EngineContext}). What a woven call does is the
 * {@link HealingPipeline}'s job, stage by stage ({@link Stages}, in the order of healing); what
 * the healing log says is {@link HealingEvents}'. A config reload swaps the targets here.
 */
public final class HealingEngine implements HealingHandler {
    /** Replaced whole on a config reload, never changed in place: readers take no lock. */
    private volatile Map<String, TargetRuntime> targets;
    private final SiteRegistry sites = new SiteRegistry();
    private final CodeSites codeSites = CodeSites.blocks();
    private final CodeSites stageCodeSites = CodeSites.stageBlocks();
    private final EngineContext context;
    private final HealingPipeline pipeline;

    public HealingEngine(AgentConfig config, EventSink events, Clock clock) {
        this(config, events, clock, new AgentFaults(events));
    }

    /** @param faults the agent's fault log, when it was started before the engine (the agent's start-up) */
    public HealingEngine(AgentConfig config, EventSink events, Clock clock, AgentFaults faults) {
        this(config, events, clock, faults, AsyncCalls.systemScheduler());
    }

    /** @param asyncScheduler where asynchronous calls' timeouts and runs again happen (tests inject one) */
    HealingEngine(AgentConfig config, EventSink events, Clock clock, AgentFaults faults,
            AsyncCalls.Scheduler asyncScheduler) {
        FaultInjection.enabled();
        HealingEvents healingEvents = new HealingEvents(events, clock, faults);
        Checkpoints checkpoints = config.checkpoints() == null ? null
                : new Checkpoints(config.checkpoints(), events, clock::currentTimeMillis, faults::report);
        TimeoutScheduler timeouts = new TimeoutScheduler();
        this.context = new EngineContext(clock, healingEvents, faults, new StrategySelector(config.strategies()),
                timeouts, new StateHealing(healingEvents, faults, checkpoints), new AdaptiveHealing(config.targets()),
                new Runs(clock, timeouts), new AtomicReference<PatchApplier>(), checkpoints,
                new Drills(clock, healingEvents, config.drills()));
        Map<String, TargetRuntime> initial = new LinkedHashMap<>();
        for (TargetConfig t : config.targets()) {
            initial.put(t.name(), new TargetRuntime(t, context));
        }
        this.targets = Collections.unmodifiableMap(initial);
        this.pipeline = new HealingPipeline(sites, context, asyncScheduler);
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
                next.put(t.name(), new TargetRuntime(t, context));
                (before == null ? added : changed).add(t.name());
            }
        }
        Set<String> removed = new TreeSet<>(old.keySet());
        removed.removeAll(next.keySet());
        targets = Collections.unmodifiableMap(next);
        codeSites.clear();
        stageCodeSites.clear();
        CodeHealing.forgetSites();   // the gateway's own cache of code sites, likewise
        context.adaptive().replaceTargets(configs);
        return new TargetChanges(added, removed, changed, kept);
    }

    public Clock clock() {
        return context.clock();
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
        HealingEvents listener = context.events();
        // An anonymous class, not a lambda: the first weave happens during start-up, where a
        // lambda's first use spins several hidden classes (benchmarks/README.md, Start-up).
        return sites.register(key, new SiteRegistry.SiteFactory() {
            @Override
            public Site create(int id) {
                return new Site(id, target, className, methodName, descriptor, loader, fallback, listener);
            }
        });
    }

    /**
     * The site through which code of {@code loader} runs blocks under the target named
     * {@code targetName} ({@code SelfHeal.call}), registered at its first call; -1 when no such
     * target is configured.
     */
    public int codeSite(String targetName, ClassLoader loader) {
        FaultInjection.at(FaultInjection.CODE);
        return codeSites.site(targetName, loader, this);
    }

    /** As {@link #codeSite}, for blocks that return a stage ({@code SelfHeal.callAsync}). */
    public int stageCodeSite(String targetName, ClassLoader loader) {
        FaultInjection.at(FaultInjection.CODE);
        return stageCodeSites.site(targetName, loader, this);
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

    /**
     * Given by the agent once hot patching is ready (at the first patch request, to keep it off the
     * start path); the {@code hot-patch} strategy uses it.
     */
    public void patchApplier(PatchApplier applier) {
        context.patchApplier().set(applier);
    }

    public PatchApplier patchApplier() {
        return context.patchApplier().get();
    }

    /** The selectors of the targets with {@code strategy: adaptive}, which the failure path consults. */
    public AdaptiveStrategies adaptive() {
        return context.adaptive().strategies();
    }

    public AgentFaults faults() {
        return context.faults();
    }

    public EventSink events() {
        return context.events().sink();
    }

    /** The drills: started by JMX and the command line, ended on a reload and at the JVM's exit. */
    public Drills drills() {
        return context.drills();
    }

    /** Stops the timeout thread, if one was started. */
    public void shutdown() {
        context.timeouts().shutdown();
    }

    /**
     * Turns on {@code retry.on-result} for a site whose returns the weaver made pass their value
     * ({@link #returned}); {@code predicateUsable} false when the weave-time check rejected {@code method:}.
     */
    public void enableResultCheck(int siteId, boolean predicateUsable) {
        Site site = sites.get(siteId);
        site.resultCheck(new ResultCheck(site, site.target().config().retry().onResult(), predicateUsable,
                context.faults()));
    }

    /**
     * Turns {@code restore:} on for a woven method.
     *
     * @param fields the target's restore fields that exist in the class (the weaver reports the
     *     others as config problems); empty means all fields
     */
    public void enableRestore(int siteId, List<String> fields) {
        Site site = sites.get(siteId);
        site.restore(new SiteRestore(site.target().config().restore(), fields,
                context.state().copierFor(site.target())));
    }

    /** The {@code checkpoints:} block at work, or {@code null} when the config has none. */
    public Checkpoints checkpoints() {
        return context.checkpoints();
    }

    // ---------------------------------------------------------------- woven-code entry points

    @Override
    public Object enter(int siteId, Object self) {
        return pipeline.enter(siteId, self);
    }

    @Override
    public Object shortCircuit(int siteId, Object self, Object[] arguments) {
        return pipeline.shortCircuit(siteId, self, arguments);
    }

    @Override
    public void success(int siteId, Object token) {
        pipeline.success(siteId, token);
    }

    @Override
    public Object enterHedged(int siteId, Object self, Object[] arguments) {
        return pipeline.enterHedged(siteId, self, arguments);
    }

    @Override
    public Object returned(int siteId, Object token, Object value, Object self, Object[] arguments) {
        return pipeline.returned(siteId, token, value, self, arguments);
    }

    @Override
    public Object stageReturned(int siteId, Object token, Object self, Object stage, Object[] arguments) {
        return pipeline.stageReturned(siteId, token, self, stage, arguments);
    }

    @Override
    public Object failure(int siteId, Object token, Object self, Throwable thrown, Object[] arguments) {
        return pipeline.failure(siteId, token, self, thrown, arguments);
    }

    @Override
    public void fault(String where, Throwable fault) {
        context.faults().report(where, fault);
    }

    /** Publishes an event; a failing sink counts as an agent fault, never reaches the caller. */
    public void publish(Event e) {
        context.events().publish(e);
    }
}
