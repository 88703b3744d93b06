package io.selfheal.agent;

import io.selfheal.agent.weave.HealingTransformer;
import io.selfheal.agent.weave.TargetIndex;
import io.selfheal.agent.patch.HotPatching;
import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.engine.LookAhead;
import io.selfheal.bootstrap.Instances;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.ConfigProblem;
import io.selfheal.runtime.config.ConfigWatcher;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventBus;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.events.JsonLinesWriter;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.http.HttpEndpoint;
import io.selfheal.runtime.jmx.AgentBean;
import io.selfheal.runtime.jmx.Jmx;
import javax.management.MBeanServer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The running agent: the engine, the config in force, the instrumentation and the transformer,
 * and the operator-facing parts around them (health sampler, MBeans, HTTP endpoint, config
 * watcher). It is what a config reload changes.
 */
final class SelfhealAgent {
    private final Instrumentation inst;
    private final Path configPath;
    private final EventBus bus;
    private final HealingEngine engine;
    private final HealthMonitor health;
    private final HealingTransformer transformer;
    private final String eventsFile;
    private volatile AgentConfig config;
    private volatile HttpEndpoint http;
    private final Object jmxLock = new Object();
    /** The server the beans are on; {@code null} until the platform MBean server starts. Guarded by jmxLock. */
    private MBeanServer mbeanServer;

    private SelfhealAgent(AgentConfig config, Path configPath, Instrumentation inst) {
        this.config = config;
        this.configPath = configPath;
        this.inst = inst;
        this.bus = new EventBus();
        Path events = config.events().filePath() == null ? null : Paths.get(config.events().filePath());
        this.eventsFile = events == null ? null : events.toAbsolutePath().toString();
        JsonLinesWriter writer = new JsonLinesWriter(events, config.events().toStderr() ? System.err : null);
        bus.subscribe(writer);
        // One hook, in this order: what only the end of the run can tell, then the last flush.
        // Named and anonymous classes, not lambdas, on the start-up path: each first lambda spins
        // hidden classes through java.lang.invoke, about a millisecond apiece at start.
        Runtime.getRuntime().addShutdownHook(new Thread("selfheal-events-flush") {
            @Override
            public void run() {
                atShutdown(writer);
            }
        });
        this.engine = new HealingEngine(config, bus, Clock.SYSTEM);
        StartupTrace.mark("engine installed");
        this.health = new HealthMonitor(engine, config.health());
        this.transformer = new HealingTransformer(new TargetIndex(config.targets()), engine);
    }

    private void atShutdown(JsonLinesWriter writer) {
        try {
            transformer.reportTargetsThatMatchedNothing(config.targets());
        } catch (Throwable t) {
            engine.fault("shutdown checks", t);
        }
        writer.close();
    }

    static SelfhealAgent start(AgentConfig config, Path configPath, Instrumentation inst) {
        SelfhealAgent agent = new SelfhealAgent(config, configPath, inst);
        agent.startWeaving();
        return agent;
    }

    private void startWeaving() {
        Healing.install(engine);
        if (engine.checkpoints() != null) {
            Instances.install(engine.checkpoints());
        }
        // The patch transformer must come before the weaving one: weaving then always runs on the
        // patch bytes, at a redefinition and at any later retransformation alike.
        HotPatching hotPatching = new HotPatching(inst);
        inst.addTransformer(transformer, true);
        try {
            hotPatching.start(config, inst, engine);
        } catch (RuntimeException | LinkageError e) {
            engine.fault("hot-patch start", e);
        }
        StartupTrace.mark("transformer added");
        int retransformed = retransform(new Predicate<Class<?>>() {
            @Override
            public boolean test(Class<?> c) {
                return transformer.wants(internalName(c));
            }
        });
        StartupTrace.mark("loaded classes checked");
        if (engine.checkpoints() != null) {
            engine.checkpoints().startSchedule();
        }
        startLookAhead();
        StartupTrace.mark("look-ahead started");
        health.start();
        startOperatorParts();
        bus.publish(Event.of(EventType.AGENT_STARTED).with("version", AgentVersion.get())
                .with("config", config.source()).with("targets", config.targets().size())
                .with("retransformed", retransformed).with("java", System.getProperty("java.version"))
                .with("http", http == null ? null : http.address()));
        System.err.println("[selfheal] agent " + AgentVersion.get() + " started: " + config.targets().size()
                + " targets from " + config.source() + "; events to "
                + (eventsFile == null ? "stderr" : eventsFile)
                + (http == null ? "" : "; metrics on http://" + http.address() + "/metrics"));
        StartupTrace.mark("started");
    }

    /**
     * Registers the MXBeans when the platform MBean server is first created, by the application,
     * a JMX connector or {@code jcmd}, before it is handed to them: {@code io.selfheal:type=Agent}
     * is there from the first query on, and a JVM that never uses JMX never pays the server's
     * start (about 300 classes, 100 ms on a quiet 2-core machine). Registering on a background
     * thread was tried and lost that promise (benchmarks/README.md).
     */
    private void registerMBeans() {
        try {
            if (Jmx.registerWhenPlatformServerStarts(new Consumer<MBeanServer>() {
                @Override
                public void accept(MBeanServer server) {
                    registerMBeansOn(server);
                }
            })) {
                StartupTrace.mark("mbeans deferred to the platform MBean server's creation");
            }
        } catch (RuntimeException | LinkageError e) {
            engine.fault("jmx", e);
        }
    }

    private void registerMBeansOn(MBeanServer server) {
        synchronized (jmxLock) {
            try {
                Jmx.register(server, Jmx.AGENT_NAME, new AgentBean(AgentVersion.get(),
                        () -> configPath.toAbsolutePath().toString(), engine, health,
                        this::reloadConfig, () -> eventsFile, () -> http == null ? null : http.address()));
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
        try {
            LookAhead lookAhead = LookAhead.startIfConfigured(config, engine, Clock.SYSTEM, health);
            if (lookAhead != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(lookAhead::stop, "selfheal-state-save"));
            }
        } catch (RuntimeException | LinkageError e) {
            engine.fault("look-ahead", e);
        }
    }

    /** MBeans, the HTTP endpoint and the config watcher: each may fail alone, as an agent fault. */
    private void startOperatorParts() {
        registerMBeans();
        if (config.http() != null) {
            try {
                http = HttpEndpoint.start(config.http(), engine, health, AgentVersion.get());
            } catch (Exception | LinkageError e) {
                engine.fault("http", e);
                System.err.println("[selfheal] the HTTP endpoint did not start: " + e);
            }
        }
        if (config.watchConfig()) {
            new ConfigWatcher(configPath, 1000, this::reloadConfig);
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
            next = ConfigLoader.load(configPath);
        } catch (ConfigException e) {
            List<String> problems = new ArrayList<>();
            for (ConfigProblem p : e.problems()) {
                problems.add(p.toString());
            }
            bus.publish(Event.of(EventType.CONFIG_REJECTED).with("config", configPath.toString())
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
        HealingEngine.TargetChanges[] changed = new HealingEngine.TargetChanges[1];
        transformer.swap(() -> changed[0] = engine.replaceTargets(next.targets()), newIndex);
        HealingEngine.TargetChanges changes = changed[0];
        health.reconfigure(next.health());
        config = next;

        Set<String> rewoven = new HashSet<>(changes.added());
        rewoven.addAll(changes.removed());
        rewoven.addAll(changes.changed());
        int retransformed = rewoven.isEmpty() ? 0
                : retransform(c -> names(oldIndex, c, rewoven) || names(newIndex, c, rewoven));
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
        bus.publish(Event.of(EventType.CONFIG_RELOADED).with("config", configPath.toString())
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
        List<TargetConfig> hit = index.lookup(internalName(c));
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

    private static String internalName(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    /** Retransforms the loaded classes {@code which} accepts (always so for an attach, and on reload). */
    private int retransform(Predicate<Class<?>> which) {
        List<Class<?>> matches = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (!c.isArray() && !c.isPrimitive() && inst.isModifiableClass(c) && which.test(c)) {
                matches.add(c);
            }
        }
        if (matches.isEmpty()) {
            return 0;
        }
        try {
            inst.retransformClasses(matches.toArray(new Class<?>[0]));
            return matches.size();
        } catch (Throwable all) {
            int done = 0;
            for (Class<?> c : matches) {
                try {
                    inst.retransformClasses(c);
                    done++;
                } catch (Throwable one) {
                    engine.fault("retransform " + c.getName(), one);
                }
            }
            return done;
        }
    }
}
