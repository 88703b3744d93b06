package io.selfheal.agent.patch;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.HotPatchConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Sets hot patching up at start, in the order that matters: the patch transformer is registered
 * before the weaving one (so weaving always runs on top of the patch bytes), then the manager is
 * handed to the engine, recorded patches are re-applied, and the directory is watched.
 */
public final class HotPatching {
    private final PatchTransformer transformer = new PatchTransformer();
    private PatchManager manager;

    /** Registers the patch transformer; call before the weaving transformer is added. */
    public HotPatching(Instrumentation inst) {
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
     * Hands the engine its patch applier. The manager is made at once when there is work for it
     * at start (recorded patches to re-apply, a directory to watch, which is then watched); else
     * at the first patch request (JMX, the command line, a policy, a target's {@code hot-patch}
     * strategy), which keeps its classes and the patch record's reads out of the agent's start.
     */
    public void start(AgentConfig config, Instrumentation inst, HealingEngine engine) {
        HotPatchConfig hp = config.hotPatch();
        boolean recorded = hp.reapplyOnRestart() && PatchStateStore.hasRecordedPatches(config.stateDirOrDefault());
        if (!recorded && hp.directory() == null) {
            engine.patchApplier(new DeferredPatchManager(this, config, inst, engine));
            return;
        }
        engine.patchApplier(manager(config, inst, engine));
        if (hp.directory() != null) {
            watch(Paths.get(hp.directory()), engine);
        }
    }

    /** The manager, made (and the recorded patches re-applied) on the first call. */
    synchronized PatchManager manager(AgentConfig config, Instrumentation inst, HealingEngine engine) {
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
        if (state != null) {
            manager.reapply(state.recorded());
        }
        return manager;
    }

    private void watch(Path dir, HealingEngine engine) {
        PatchDirectoryWatcher watcher = new PatchDirectoryWatcher(dir, manager, engine::fault);
        String refused = watcher.start();
        if (refused != null) {
            System.err.println("[selfheal] not watching the hot-patch directory: " + refused);
            engine.events().publish(Event.of(EventType.CONFIG_PROBLEM).with("key", "hot-patch.directory")
                    .with("directory", watcher.directory().toString()).message("not watching the hot-patch directory: " + refused));
        }
    }
}
