package io.selfheal.agent;

import io.selfheal.agent.weave.HealingTransformer;
import io.selfheal.agent.weave.TargetIndex;
import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.OnConfigError;
import io.selfheal.runtime.engine.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.LookAhead;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventBus;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.events.JsonLinesWriter;
import io.selfheal.runtime.jmx.AgentBean;
import io.selfheal.runtime.jmx.Jmx;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the agent once the bootstrap classes are in place: reads the config, installs the
 * engine behind {@link Healing}, registers the weaving transformer and retransforms the target
 * classes that are already loaded. A bad config leaves the agent disabled (the application runs
 * unwoven) unless {@code on-config-error: fail}.
 */
final class AgentStarter {
    private AgentStarter() {
    }

    static void start(String argumentText, Instrumentation inst, boolean atLaunch) {
        AgentArguments arguments = new AgentArguments(argumentText);
        String configPath = arguments.configPath();
        if (configPath == null) {
            System.err.println("[selfheal] no config given (-javaagent:selfheal-agent.jar=config=PATH,"
                    + " -Dselfheal.config or SELFHEAL_CONFIG); the agent is idle");
            return;
        }
        Path path = Paths.get(configPath);
        AgentConfig config;
        try {
            config = ConfigLoader.load(path);
        } catch (ConfigException e) {
            System.err.println("[selfheal] " + e.getMessage());
            if (ConfigLoader.onConfigErrorOf(path) == OnConfigError.FAIL) {
                // With -javaagent, an exception from premain stops the JVM: that is what 'fail' asks.
                throw new IllegalStateException("selfheal: invalid config " + path + " and on-config-error: fail");
            }
            System.err.println("[selfheal] the agent is disabled; the application runs without healing");
            return;
        }
        try {
            startWith(config, inst);
        } catch (Throwable t) {
            Healing.install(null);
            System.err.println("[selfheal] the agent could not start and is disabled: " + t);
            t.printStackTrace();
        }
    }

    private static void startWith(AgentConfig config, Instrumentation inst) {
        EventBus bus = new EventBus();
        Path eventsFile = config.events().filePath() == null ? null : Paths.get(config.events().filePath());
        JsonLinesWriter writer = new JsonLinesWriter(eventsFile, config.events().toStderr() ? System.err : null);
        bus.subscribe(writer);
        Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "selfheal-events-flush"));

        HealingEngine engine = new HealingEngine(config, bus, Clock.SYSTEM);
        Healing.install(engine);

        TargetIndex index = new TargetIndex(config.targets());
        HealingTransformer transformer = new HealingTransformer(index, engine);
        inst.addTransformer(transformer, true);
        int retransformed = retransformLoaded(inst, index, engine);
        startLookAhead(config, engine);
        try {
            Jmx.register(Jmx.AGENT_NAME, new AgentBean(AgentVersion.get(), config.source(), engine));
        } catch (Exception | LinkageError e) {
            engine.fault("jmx", e);
        }

        bus.publish(Event.of(EventType.AGENT_STARTED).with("version", AgentVersion.get())
                .with("config", config.source()).with("targets", config.targets().size())
                .with("retransformed", retransformed).with("java", System.getProperty("java.version")));
        System.err.println("[selfheal] agent " + AgentVersion.get() + " started: " + config.targets().size()
                + " targets from " + config.source() + "; events to "
                + (eventsFile == null ? "stderr" : eventsFile.toString()));
    }

    /** Prediction, policies and state memory: a daemon thread only when the config asks for them. */
    private static void startLookAhead(AgentConfig config, HealingEngine engine) {
        try {
            LookAhead lookAhead = LookAhead.startIfConfigured(config, engine, Clock.SYSTEM);
            if (lookAhead != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(lookAhead::stop, "selfheal-state-save"));
            }
        } catch (RuntimeException | LinkageError e) {
            engine.fault("look-ahead", e);
        }
    }

    /** Weaves target classes that loaded before the agent (always so for an attach). */
    private static int retransformLoaded(Instrumentation inst, TargetIndex index, HealingEngine engine) {
        List<Class<?>> matches = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (!c.isArray() && !c.isPrimitive() && inst.isModifiableClass(c)
                    && index.lookup(c.getName().replace('.', '/')) != null) {
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
