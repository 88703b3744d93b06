package io.selfheal.agent.lifecycle;

import io.selfheal.agent.boot.AgentVersion;
import io.selfheal.agent.boot.BootLoaderAsm;
import io.selfheal.agent.boot.BootLoaderDefiner;
import io.selfheal.agent.boot.StartupTrace;
import io.selfheal.agent.patch.HotPatching;
import io.selfheal.agent.weave.ClassSelection;
import io.selfheal.agent.weave.HealingTransformer;
import io.selfheal.agent.weave.LateConfigChecks;
import io.selfheal.agent.weave.TargetIndex;
import io.selfheal.bootstrap.CodeHealing;
import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigProblem;
import io.selfheal.runtime.config.ConfigWarnings;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.AgentFaults;
import io.selfheal.runtime.engine.FaultInjection;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventBus;
import io.selfheal.runtime.events.EventListeners;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.events.JsonLinesWriter;
import io.selfheal.runtime.jmx.Jmx;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.management.MBeanServer;

/**
 * The agent from {@code premain} until the JVM ends, built on demand. {@code premain} sets up only
 * what every run needs: the config, the event log, the class-load hook and the hot-patch
 * transformer before it, and the list of {@link AgentPart}s. The full agent ({@link SelfhealAgent}:
 * engine, weaver, parts started) is built when first needed: at the first class a target names
 * (inside that class's load, so it is woven like any later one), when the platform MBean server
 * starts (so the beans are there for its first request), or in {@code premain} itself when
 * {@link #buildNowBecause} says so. A JVM that never loads a target's class never pays for the
 * engine or the weaver.
 */
final class OnDemandAgent {
    /** Package roots of the classes the boot and platform loaders define. */
    private static final String[] JDK_ROOTS = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "org/w3c/", "org/xml/", "org/ietf/", "org/jcp/",
    };

    private final AgentConfig config;
    private final Path configPath;
    private final Instrumentation inst;
    /** {@code null} when classes cannot be defined in the boot loader directly. */
    private final BootLoaderDefiner bootLoader;
    private final EventBus events = new EventBus();
    private final JsonLinesWriter writer;
    private final String eventsFile;
    private final AgentFaults faults;
    private final LateConfigChecks lateChecks;
    private final ClassSelection selection;
    private final HttpEndpointPart http;
    private final JmxPart jmx;
    /** In the order they start and are asked about a reload; stopped in reverse. */
    private final List<AgentPart> parts;
    /**
     * How long a thread waits for the agent being built on another thread before it goes on
     * without it (its class unwoven, reported): the build takes well under a second, and a thread
     * that waits on it while holding what the build needs must not wait for ever.
     */
    private static final long BUILD_WAIT_SECONDS = 10;

    /** The agent's transformer once the engine is behind it; read on every class load. */
    private volatile HealingTransformer weaving;
    private volatile SelfhealAgent agent;
    /** The build failed once; the agent stays off. */
    private volatile boolean failed;
    private final ReentrantLock buildLock = new ReentrantLock();

    OnDemandAgent(AgentConfig config, Path configPath, Instrumentation inst, BootLoaderDefiner bootLoader) {
        this.config = config;
        this.configPath = configPath;
        this.inst = inst;
        this.bootLoader = bootLoader;
        Path eventsPath = config.events().filePath() == null ? null : Paths.get(config.events().filePath());
        this.eventsFile = eventsPath == null ? null : eventsPath.toAbsolutePath().toString();
        this.faults = new AgentFaults(events);
        this.writer = new JsonLinesWriter(eventsPath, config.events().toStderr() ? System.err : null,
                config.events().maxSize(), config.events().keep(), faults);
        events.subscribe(writer);
        // The application's own listeners (SelfHeal.onEvent): nothing but a volatile read per event until one subscribes.
        EventListeners listeners = new EventListeners(faults);
        events.subscribe(listeners);
        this.lateChecks = new LateConfigChecks(events);
        // One hook, in this order: the parts' last work (the look-ahead's memory saved), what
        // only the end of the run can tell, then the last flush.
        // Named and anonymous classes, not lambdas, on the start-up path: each first lambda spins
        // hidden classes through java.lang.invoke, about a millisecond apiece at start.
        Runtime.getRuntime().addShutdownHook(new Thread("selfheal-events-flush") {
            @Override
            public void run() {
                atShutdown();
            }
        });
        this.selection = new ClassSelection(new TargetIndex(config.targets()), config.checkpoints());
        // The patch transformer must come before the weaving one: weaving then always runs on the
        // patch bytes, at a redefinition and at any later retransformation alike.
        HotPatching hotPatching = new HotPatching(inst);
        HotPatching.warnIfUnsigned(config.hotPatch(), events);
        warnAboutTargetsWithoutStrategy(config, events);
        this.http = new HttpEndpointPart();
        // The agent starts here, whenever the engine and the MBeans are made: uptime counts from now.
        this.jmx = new JmxPart(eventsFile, http, System.currentTimeMillis());
        this.parts = List.of(new EventLogPart(), new HotPatchPart(hotPatching), new CheckpointSchedulePart(),
                new MemoryPart(), new LookAheadPart(), new HealthSamplerPart(), http, new ConfigWatchPart(), jmx,
                new ObservabilityPart(events));
        inst.addTransformer(new ClassLoadHook(this), true);
        StartupTrace.mark("class-load hook added");
        CodeHealing.install(new CodeCalls(this, listeners, faults));
    }

    /**
     * Builds the agent now if {@link #buildNowBecause} says so or a class to weave is loaded
     * already (then retransformed), defers the MBeans to the platform server's start, and logs
     * {@code agent-started}.
     */
    void begin(boolean atLaunch) {
        String now = buildNowBecause(atLaunch);
        if (now != null) {
            activate(now);
        }
        // Left for later, no target may name a JDK class: the boot and platform loaders' classes,
        // nearly all that is loaded at this point, need no name look-up.
        List<Class<?>> loaded = LoadedClasses.wantedBy(selection, inst, now != null);
        int retransformed = 0;
        if (!loaded.isEmpty() && activate("a class to weave is loaded already") != null) {
            retransformed = LoadedClasses.retransform(inst, loaded, faults);
        }
        StartupTrace.mark("loaded classes checked");
        registerMBeansWhenJmxStarts();
        String http = this.http.address();
        events.publish(Event.of(EventType.AGENT_STARTED).with("version", AgentVersion.get())
                .with("config", config.source()).with("targets", config.targets().size())
                .with("retransformed", retransformed).with("java", System.getProperty("java.version"))
                .with("http", http));
        int targets = config.targets().size();
        System.err.println("[selfheal] agent " + AgentVersion.get() + " started: " + targets
                + (targets == 1 ? " target" : " targets") + " from " + config.source() + "; events to "
                + (eventsFile == null ? "stderr" : eventsFile)
                + (http == null ? "" : "; metrics on http://" + http + "/metrics"));
        StartupTrace.mark("started");
    }

    /**
     * A target with no strategy is still woven; it only observes. Said at start, as {@code validate}
     * says it, so a forgotten strategy block is not mistaken for healing. The loop asks the targets
     * first: no warning class is loaded when every target has a strategy.
     */
    private static void warnAboutTargetsWithoutStrategy(AgentConfig config, EventBus events) {
        for (TargetConfig t : config.targets()) {
            if (!t.hasStrategy()) {
                ConfigProblem warning = ConfigWarnings.noStrategy(config, t);
                System.err.println("[selfheal] config warning: " + warning);
                events.publish(Event.of(EventType.CONFIG_PROBLEM).target(t.name()).with("line", warning.line())
                        .with("column", warning.column()).with("key", warning.key()).with("severity", "warning")
                        .message(warning.message()));
            }
        }
    }

    /**
     * Why the agent is built in {@code premain} rather than at the first class it weaves, or
     * {@code null} when it can wait: attached to a running JVM; a part that acts on its own from
     * the start; a target that may name a JDK class, since building the agent itself loads JDK
     * classes and must not do so from inside the load of one it would weave.
     */
    private String buildNowBecause(boolean atLaunch) {
        if (!atLaunch) {
            return "attached to a running JVM";
        }
        for (AgentPart part : parts) {
            String why = part.startsAtStart(config);
            if (why != null) {
                return why;
            }
        }
        for (TargetConfig t : config.targets()) {
            if (t.codeOnly()) {
                continue;   // names no class; its first call from code builds the agent
            }
            if (t.selectors().bySupertype() && t.classPattern().literalInternalPrefix().isEmpty()) {
                continue;   // looks at the application's classes only (TargetIndex), never at the JDK's
            }
            if (mayNameJdkClass(t.classPattern().literalInternalPrefix())) {
                return "target '" + t.name() + "' may name a JDK class";
            }
        }
        return null;
    }

    /** True when a class whose internal name starts with {@code prefix} may be one of the JDK's. */
    private static boolean mayNameJdkClass(String prefix) {
        for (String root : JDK_ROOTS) {
            if (prefix.startsWith(root) || root.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    HealingTransformer weaving() {
        return weaving;
    }

    ClassSelection selection() {
        return selection;
    }

    /**
     * The transformer for the first class to weave, building the agent for it; {@code null} when
     * the agent is off, or when this thread is the one building it (a class the build itself
     * loads is left as it is, and said so).
     */
    HealingTransformer weavingForFirstClass(String internalName) {
        String className = internalName.replace('/', '.');
        if (weaving == null && buildLock.isHeldByCurrentThread()) {
            faults.report("weaving " + className + " while the agent was being built",
                    new IllegalStateException("the agent's own start loaded the class; it is left unwoven"));
            return null;
        }
        activate("first class to weave: " + className);
        return weaving;
    }

    /**
     * The agent for a call from code ({@code SelfHeal.call}), built now if no class built it yet;
     * {@code null} when it is off or being built by this thread.
     */
    SelfhealAgent forCode() {
        SelfhealAgent built = agent;
        return built != null ? built : activate("first call from code");
    }

    /**
     * Builds the agent once; {@code null} when it is off, or is being built by this thread, or by
     * another one for longer than {@link #BUILD_WAIT_SECONDS}.
     */
    private SelfhealAgent activate(String why) {
        SelfhealAgent built = agent;
        if (built != null || failed || buildLock.isHeldByCurrentThread()) {
            return built;
        }
        try {
            if (!buildLock.tryLock(BUILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                faults.report("agent start (" + why + ")", new TimeoutException("the agent was still being built on"
                        + " another thread after " + BUILD_WAIT_SECONDS + " s; this step goes on without it"));
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            if (agent == null && !failed) {
                build(why);
            }
            return agent;
        } finally {
            buildLock.unlock();
        }
    }

    /**
     * Caller holds buildLock. ASM goes into the boot loader before any class that names it loads;
     * the engine goes behind the gateway before anything else starts.
     */
    private void build(String why) {
        try {
            FaultInjection.at(FaultInjection.BUILD);
            defineAsmInBootLoader();
            SelfhealAgent built = new SelfhealAgent(config, configPath, inst, events, faults, selection, lateChecks,
                    parts);
            built.installEngine();
            weaving = built.transformer();
            built.start();
            agent = built;
            StartupTrace.mark("agent built (" + why + ")");
        } catch (Throwable t) {
            failed = true;
            weaving = null;
            faults.report("agent start", t);
            turnOff(t);
        }
    }

    /** Without it ASM stays with the agent's loader (verified, as before): the agent goes on. */
    private void defineAsmInBootLoader() {
        try {
            if (BootLoaderAsm.define(bootLoader)) {
                StartupTrace.mark("ASM defined in the boot loader");
            }
        } catch (Throwable t) {
            faults.report("defining ASM in the boot loader", t);
        }
    }

    /** Takes the engine from behind the gateway (woven code then runs as if unwoven) and says why. */
    static void turnOff(Throwable why) {
        Healing.install(null);
        CodeHealing.install(null);
        System.err.println("[selfheal] the agent could not start and is disabled: " + why);
    }

    /**
     * The MBeans are registered when the platform MBean server is first created, by the
     * application, a JMX connector or {@code jcmd}, before it is handed to them, and the agent is
     * built then if it was not yet: {@code io.selfheal:type=Agent} is there from the first query
     * on, and a JVM that never uses JMX never pays the server's start (about 300 classes, 100 ms
     * on a quiet 2-core machine).
     */
    private void registerMBeansWhenJmxStarts() {
        try {
            if (Jmx.registerWhenPlatformServerStarts(new Consumer<MBeanServer>() {
                @Override
                public void accept(MBeanServer server) {
                    if (activate("the platform MBean server started") != null) {
                        jmx.registerOn(server);
                    }
                }
            })) {
                StartupTrace.mark("mbeans deferred to the platform MBean server's creation");
            }
        } catch (RuntimeException | LinkageError e) {
            faults.report("jmx", e);
        }
    }

    private void atShutdown() {
        StartupTrace.mark("shutdown hook");
        SelfhealAgent built = agent;
        if (built != null) {
            built.stop();
        }
        try {
            lateChecks.reportTargetsThatMatchedNothing(built == null ? config.targets() : built.config().targets());
        } catch (Throwable t) {
            faults.report("shutdown checks", t);
        }
        writer.close();
        StartupTrace.mark("events flushed at shutdown");
    }
}
