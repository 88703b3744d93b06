package io.selfheal.agent;

import io.selfheal.agent.weave.HealingTransformer;
import io.selfheal.agent.weave.SnapshotAccess;
import io.selfheal.agent.weave.TargetIndex;
import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Instances;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.ConfigProblem;
import io.selfheal.runtime.config.ConfigWatcher;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.LookAhead;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.http.OperatorEndpoint;
import io.selfheal.runtime.jmx.AgentBean;
import io.selfheal.runtime.jmx.Jmx;
import javax.management.MBeanServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The running agent: the engine, the config in force and the weaving transformer, and the
 * operator-facing parts around them (health sampler, MBeans, HTTP endpoint, config watcher). It
 * is built by {@link AgentActivation} when first needed, from what {@code premain} set up (the
 * config, the event log, the hot-patch transformer), and it is what a config reload changes.
 */
final class SelfhealAgent {
    private final AgentActivation start;
    private final HealingEngine engine;
    private final HealthMonitor health;
    private final HealingTransformer transformer;
    private volatile AgentConfig config;
    private volatile OperatorEndpoint http;
    private final Object jmxLock = new Object();
    /** The server the beans are on; {@code null} until the platform MBean server starts. Guarded by jmxLock. */
    private MBeanServer mbeanServer;

    SelfhealAgent(AgentActivation start) {
        this.start = start;
        this.config = start.config();
        this.engine = new HealingEngine(config, start.events(), Clock.SYSTEM, start.faults());
        if (HealingEngine.restoresState(config)) {
            SnapshotAccess.open(start.inst(), start.faults());
        }
        StartupTrace.mark("engine built");
        this.health = new HealthMonitor(engine, config.health());
        this.transformer = new HealingTransformer(start.selection(), engine, start.lateChecks());
    }

    AgentConfig config() {
        return config;
    }

    HealingTransformer transformer() {
        return transformer;
    }

    String httpAddress() {
        OperatorEndpoint h = http;
        return h == null ? null : h.address();
    }

    /** Puts the engine behind the gateway woven code calls; from here on woven code heals. */
    void installEngine() {
        Healing.install(engine);
        if (engine.checkpoints() != null) {
            Instances.install(engine.checkpoints());
        }
    }

    /** Hot patching, the checkpoint schedule, look-ahead, health, HTTP and the config watcher: each may fail alone. */
    void startParts() {
        try {
            start.hotPatching().start(config, engine);
        } catch (RuntimeException | LinkageError e) {
            engine.fault("hot-patch start", e);
        }
        if (engine.checkpoints() != null) {
            try {
                engine.checkpoints().startSchedule();
            } catch (RuntimeException | LinkageError e) {
                engine.fault("checkpoint schedule", e);
            }
        }
        startLookAhead();
        try {
            health.start();
        } catch (RuntimeException | LinkageError e) {
            engine.fault("health sampler", e);
        }
        if (config.http() != null) {
            try {
                http = HttpEndpointStart.start(config.http(), engine, health, AgentVersion.get());
            } catch (Exception | LinkageError e) {
                engine.fault("http", e);
                System.err.println("[selfheal] the HTTP endpoint did not start: " + e);
            }
        }
        if (config.watchConfig()) {
            try {
                new ConfigWatcher(start.configPath(), 1000, this::reloadConfig);
            } catch (RuntimeException | LinkageError e) {
                engine.fault("config watcher", e);
            }
        }
        StartupTrace.mark("agent parts started");
    }

    /** Registers the Agent and Target MXBeans on {@code server}; called when the platform MBean server starts. */
    void registerMBeansOn(MBeanServer server) {
        synchronized (jmxLock) {
            try {
                Jmx.register(server, Jmx.AGENT_NAME, new AgentBean(AgentVersion.get(),
                        () -> start.configPath().toAbsolutePath().toString(), engine, health,
                        this::reloadConfig, start::eventsFile, this::httpAddress));
                Jmx.syncTargets(server, engine, health);
                mbeanServer = server;
                StartupTrace.mark("mbeans registered");
            } catch (Exception | LinkageError e) {
                engine.fault("jmx", e);
            }
        }
    }

    /** Target beans follow a reload; before JMX starts there is nothing to follow (it registers the targets of then). */
    private void syncTargetBeans() {
        synchronized (jmxLock) {
            if (mbeanServer == null) {
                return;
            }
            try {
                Jmx.syncTargets(mbeanServer, engine, health);
            } catch (Exception | LinkageError e) {
                engine.fault("jmx", e);
            }
        }
    }

    /** Prediction, policies and state memory: a daemon thread only when the config asks for them. */
    private void startLookAhead() {
        if (!config.needsLookAhead()) {
            return;   // without touching LookAhead: its classes are a few milliseconds at the first weave
        }
        try {
            LookAhead lookAhead = LookAhead.startIfConfigured(config, engine, Clock.SYSTEM, health);
            if (lookAhead != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(lookAhead::stop, "selfheal-state-save"));
            }
        } catch (RuntimeException | LinkageError e) {
            engine.fault("look-ahead", e);
        }
    }

    /**
     * Re-reads the config file. A file with any problem is rejected whole and the config in force
     * stays. A good one replaces the targets in one step; classes of targets that were added,
     * removed or changed are retransformed. Events, HTTP and watch settings take effect at the
     * next start (the answer says so when they changed).
     *
     * @return what happened, in a line fit for an operator
     */
    synchronized String reloadConfig() {
        AgentConfig next;
        try {
            next = ConfigLoader.load(start.configPath());
        } catch (ConfigException e) {
            List<String> problems = new ArrayList<>();
            for (ConfigProblem p : e.problems()) {
                problems.add(p.toString());
            }
            start.events().publish(Event.of(EventType.CONFIG_REJECTED).with("config", start.configPath().toString())
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
            SnapshotAccess.open(start.inst(), start.faults());
        }
        HealingEngine.TargetChanges[] changed = new HealingEngine.TargetChanges[1];
        transformer.swap(() -> changed[0] = engine.replaceTargets(next.targets()), newIndex);
        HealingEngine.TargetChanges changes = changed[0];
        health.reconfigure(next.health());
        config = next;

        Set<String> rewoven = new HashSet<>(changes.added());
        rewoven.addAll(changes.removed());
        rewoven.addAll(changes.changed());
        int retransformed = rewoven.isEmpty() ? 0
                : LoadedClasses.retransform(start.inst(), LoadedClasses.matching(start.inst(),
                        c -> names(oldIndex, c, rewoven) || names(newIndex, c, rewoven)), engine.faults());
        syncTargetBeans();
        List<String> restart = new ArrayList<>();
        if (!Objects.equals(previous.events(), next.events())) {
            restart.add("events");
        }
        if (!Objects.equals(previous.http(), next.http())) {
            restart.add("http");
        }
        if (previous.watchConfig() != next.watchConfig()) {
            restart.add("watch-config");
        }
        start.events().publish(Event.of(EventType.CONFIG_RELOADED).with("config", start.configPath().toString())
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
        List<TargetConfig> hit = index.lookup(LoadedClasses.internalName(c));
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
