package io.selfheal.agent.lifecycle;

import io.selfheal.agent.boot.StartupTrace;
import io.selfheal.agent.weave.ClassSelection;
import io.selfheal.agent.weave.HealingTransformer;
import io.selfheal.agent.weave.LateConfigChecks;
import io.selfheal.agent.weave.SnapshotAccess;
import io.selfheal.agent.weave.TargetIndex;
import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Instances;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.ConfigProblem;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.AgentFaults;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.health.HealthMonitor;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The running agent: the engine, the config in force and the weaving transformer, and the
 * {@link AgentPart}s around them (checkpoint schedule, health sampler, hot patching, look-ahead,
 * HTTP endpoint, config watcher, MXBeans), which it starts, reloads and stops as one list. Built by {@link OnDemandAgent}
 * when first needed, from what {@code premain} set up; it is what a config reload changes.
 */
final class SelfhealAgent {
    private final Path configPath;
    private final Instrumentation inst;
    private final EventSink events;
    private final HealingEngine engine;
    private final HealthMonitor health;
    private final HealingTransformer transformer;
    private final List<AgentPart> parts;
    private volatile AgentConfig config;

    SelfhealAgent(AgentConfig config, Path configPath, Instrumentation inst, EventSink events, AgentFaults faults,
            ClassSelection selection, LateConfigChecks lateChecks, List<AgentPart> parts) {
        this.config = config;
        this.configPath = configPath;
        this.inst = inst;
        this.events = events;
        this.parts = parts;
        this.engine = new HealingEngine(config, events, Clock.SYSTEM, faults);
        if (HealingEngine.restoresState(config)) {
            SnapshotAccess.open(inst, faults);
        }
        StartupTrace.mark("engine built");
        this.health = new HealthMonitor(engine, config.health());
        this.transformer = new HealingTransformer(selection, engine, lateChecks);
    }

    AgentConfig config() {
        return config;
    }

    Path configPath() {
        return configPath;
    }

    HealingEngine engine() {
        return engine;
    }

    HealthMonitor health() {
        return health;
    }

    Instrumentation instrumentation() {
        return inst;
    }

    HealingTransformer transformer() {
        return transformer;
    }

    /** Puts the engine behind the gateway woven code calls; from here on woven code heals. */
    void installEngine() {
        Healing.install(engine);
        if (engine.checkpoints() != null) {
            Instances.install(engine.checkpoints());
        }
    }

    /** Each part in order: each may fail alone. */
    void start() {
        for (AgentPart part : parts) {
            part.start(this);
        }
        StartupTrace.mark("agent parts started");
    }

    /** At the JVM's shutdown: the parts in reverse order. */
    void stop() {
        try {
            engine.drills().endAll("jvm-exit");   // a drill never outlives the JVM; its report before the last flush
        } catch (RuntimeException | LinkageError e) {
            engine.fault("drills stop", e);
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).stop();
            } catch (RuntimeException | LinkageError e) {
                engine.fault(parts.get(i).name() + " stop", e);
            }
        }
    }

    /**
     * Re-reads the config file. A file with any problem is rejected whole and the config in force
     * stays. A good one replaces the targets in one step; each part takes the new config as it
     * can (the health window and thresholds change, target beans follow; the answer names the
     * parts that need a restart); classes of targets that were added, removed or changed are
     * retransformed.
     *
     * @return what happened, in a line fit for an operator
     */
    synchronized String reloadConfig() {
        AgentConfig next;
        try {
            next = ConfigLoader.load(configPath);
        } catch (ConfigException e) {
            List<String> problems = new ArrayList<>();
            for (ConfigProblem p : e.problems()) {
                problems.add(p.toString());
            }
            events.publish(Event.of(EventType.CONFIG_REJECTED).with("config", configPath.toString())
                    .with("problems", problems).message("the config in force stays"));
            System.err.println("[selfheal] config reload rejected; the config in force stays. " + e.getMessage());
            return "rejected: " + e.getMessage();
        } catch (RuntimeException e) {
            engine.fault("config-reload", e);
            return "rejected: " + e;
        }
        AgentConfig previous = config;
        TargetIndex oldIndex = transformer.index();
        TargetIndex newIndex = new TargetIndex(next.targets());
        if (HealingEngine.restoresState(next)) {
            SnapshotAccess.open(inst, engine.faults());
        }
        engine.drills().reconfigure(next.drills());   // every drill ends on a reload
        HealingEngine.TargetChanges[] changed = new HealingEngine.TargetChanges[1];
        transformer.swap(() -> changed[0] = engine.replaceTargets(next.targets()), newIndex);
        HealingEngine.TargetChanges changes = changed[0];
        List<String> restart = new ArrayList<>();
        for (AgentPart part : parts) {
            if (part.reload(previous, next) == AgentPart.OnReload.RESTART_NEEDED) {
                restart.add(part.name());
            }
        }
        config = next;

        Set<String> rewoven = new HashSet<>(changes.added());
        rewoven.addAll(changes.removed());
        rewoven.addAll(changes.changed());
        int retransformed = rewoven.isEmpty() ? 0
                : LoadedClasses.retransform(inst, LoadedClasses.matching(inst,
                        c -> names(oldIndex, c, rewoven) || names(newIndex, c, rewoven)), engine.faults());
        events.publish(Event.of(EventType.CONFIG_RELOADED).with("config", configPath.toString())
                .with("targets", next.targets().size()).with("added", List.copyOf(changes.added()))
                .with("removed", List.copyOf(changes.removed())).with("changed", List.copyOf(changes.changed()))
                .with("retransformed", retransformed)
                .with("restartRequired", restart.isEmpty() ? null : restart));
        String answer = "reloaded: " + next.targets().size() + " targets (added " + changes.added() + ", removed "
                + changes.removed() + ", changed " + changes.changed() + "); " + retransformed
                + " classes retransformed" + (restart.isEmpty() ? "" : "; " + restart + " take effect at the next start");
        System.err.println("[selfheal] config " + answer);
        return answer;
    }

    private static boolean names(TargetIndex index, Class<?> c, Set<String> targetNames) {
        List<TargetConfig> hit = index.lookupLoaded(c);
        if (hit == null) {
            return false;
        }
        for (TargetConfig t : hit) {
            if (targetNames.contains(t.name())) {
                return true;
            }
        }
        return false;
    }
}
