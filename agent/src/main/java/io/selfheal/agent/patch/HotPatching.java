package io.selfheal.agent.patch;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.HotPatchConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOrigin;
import io.selfheal.runtime.patch.PatchOutcome;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import io.selfheal.runtime.lookahead.LookAhead;
import io.selfheal.runtime.probation.ProbationMonitor;
import io.selfheal.runtime.probation.ProbationVerdicts;

/**
 * Sets hot patching up at start, in the order that matters: the patch transformer is registered
 * before the weaving one (so weaving always runs on top of the patch bytes), then the manager is
 * handed to the engine, recorded patches are re-applied, and the directory is watched.
 */
public final class HotPatching implements PatchApplier, ProbationVerdicts {
    private final PatchTransformer transformer = new PatchTransformer();
    private final Instrumentation inst;
    /** Set by {@link #start}; volatile, as {@link #probation()} reads them under its own lock. */
    private volatile AgentConfig config;
    private volatile HealingEngine engine;
    /** Guarded by this; {@code null} until the first patch request or a start with work. */
    private PatchManager manager;
    /**
     * Guarded by {@link #probationLock}, not this: the manager asks for it while it holds its own
     * lock, and this is held while the manager is asked for its patches.
     */
    private ProbationMonitor probation;
    private final Object probationLock = new Object();

    /** Registers the patch transformer; call before the weaving transformer is added. */
    public HotPatching(Instrumentation inst) {
        this.inst = inst;
        inst.addTransformer(transformer, true);
    }

    /**
     * Warns, on stderr and as a {@code config-problem}, when patches are applied unsigned. Called
     * at start, whenever the rest of hot patching is set up.
     */
    public static void warnIfUnsigned(HotPatchConfig hp, EventSink events) {
        if (!hp.requireSignature()) {
            System.err.println("[selfheal] WARNING: hot-patch.require-signature is false: any patch jar that reaches"
                    + " this JVM (directory, JMX, command line) is applied unsigned");
            events.publish(Event.of(EventType.CONFIG_PROBLEM).with("key", "hot-patch.require-signature")
                    .message("require-signature is false: patches are applied without a signature check"));
        }
    }

    /**
     * True when hot patching has work at start: recorded patches to re-apply, or a directory to
     * watch. Then the agent is built in {@code premain} and the manager made at once.
     */
    public static boolean hasWorkAtStart(AgentConfig config) {
        HotPatchConfig hp = config.hotPatch();
        return hp.directory() != null
                || hp.reapplyOnRestart() && PatchStateStore.hasRecordedPatches(config.stateDirOrDefault());
    }

    /**
     * Becomes the engine's patch applier. The manager is made at once when there is work for it at
     * start (then the directory is watched); else at the first patch request (JMX, the command
     * line, a policy, a target's {@code hot-patch} strategy), which keeps its classes and the patch
     * record's reads out of the agent's start.
     */
    public void start(AgentConfig config, HealingEngine engine) {
        synchronized (this) {
            this.config = config;
            this.engine = engine;
        }
        engine.patchApplier(this);
        if (config.hotPatch().probation() != null) {
            probation();   // its history starts now, so the first patch has a 'before'
        }
        if (hasWorkAtStart(config)) {
            PatchManager made = manager();
            if (config.hotPatch().directory() != null) {
                watch(Paths.get(config.hotPatch().directory()), made, engine);
            }
        }
    }

    @Override
    public PatchOutcome apply(Path jar, String via) {
        return manager().apply(jar, via);
    }

    @Override
    public PatchOutcome apply(Path jar, PatchOrigin origin, String probation) {
        return manager().apply(jar, origin, probation);
    }

    @Override
    public PatchOutcome check(Path jar) {
        return manager().check(jar);
    }

    @Override
    public PatchOutcome rollback(String id, String via) {
        return manager().rollback(id, via);
    }

    /** Empty until the manager is made: no patch can have been applied before it. */
    @Override
    public synchronized List<PatchInfo> patches() {
        return manager == null ? List.of() : manager.patches();
    }

    /** The manager, made (and the recorded patches re-applied) on the first call. */
    private synchronized PatchManager manager() {
        if (manager != null) {
            return manager;
        }
        HotPatchConfig hp = config.hotPatch();
        SignatureVerifier verifier = hp.requireSignature()
                ? (hp.truststore() == null ? SignatureVerifier.requiring(null, null)
                        : SignatureVerifier.requiring(hp.truststore().path(), hp.truststore().passwordEnv()))
                : SignatureVerifier.notRequired();
        PatchStateStore state = hp.reapplyOnRestart()
                ? new PatchStateStore(Paths.get(config.stateDirOrDefault()), engine::fault) : null;
        manager = new PatchManager(inst, transformer, verifier, new PatchJar.Limits(hp.maxJarMb(), hp.maxJarEntries()),
                engine.events(), state);
        manager.probation(this::probation, hp.probation());
        if (state != null) {
            manager.reapply(state.recorded());
        }
        return manager;
    }

    /**
     * The probation monitor, made and started on the first call: at start with a default
     * probation (so the first patch has a history for its {@code before}), else at the first
     * patch that has one ({@code before} then reaches back to the JVM's start).
     */
    private ProbationMonitor probation() {
        synchronized (probationLock) {
            if (probation == null) {
                long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                probation = new ProbationMonitor(engine, engine.clock(), this, jvmStart);
                probation.instantMetrics(LookAhead.runningFor(engine));
                probation.start();
            }
            return probation;
        }
    }

    @Override
    public void rollBack(String patchId, String decidedBy, Map<String, Object> figures) {
        manager().rollBack(patchId, decidedBy, figures);
    }

    @Override
    public void keep(String patchId, boolean verdict, String message, Map<String, Object> figures) {
        manager().keep(patchId, verdict, message, figures);
    }

    private static void watch(Path dir, PatchManager manager, HealingEngine engine) {
        PatchDirectoryWatcher watcher = new PatchDirectoryWatcher(dir, manager, engine::fault);
        String refused = watcher.start();
        if (refused != null) {
            System.err.println("[selfheal] not watching the hot-patch directory: " + refused);
            engine.events().publish(Event.of(EventType.CONFIG_PROBLEM).with("key", "hot-patch.directory")
                    .with("directory", watcher.directory().toString()).message("not watching the hot-patch directory: " + refused));
        }
    }
}
