package io.selfheal.agent.weave;

import io.selfheal.runtime.engine.AgentFaults;
import io.selfheal.runtime.state.DeepCopier;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code java.util} to the agent's runtime, so that a deep snapshot copies the JDK's
 * collections and maps field by field, as it copies the application's objects, instead of calling
 * their {@code clone()} or copy constructors (which run code: {@code BitSet.clone()} trims the
 * original). Done once, and only when some target restores state or checkpoints are configured.
 */
public final class SnapshotAccess {
    private static volatile boolean opened;

    private SnapshotAccess() {
    }

    public static void open(Instrumentation inst, AgentFaults faults) {
        if (opened) {
            return;
        }
        try {
            Module javaBase = Object.class.getModule();
            Module runtime = DeepCopier.class.getModule();
            if (!javaBase.isOpen("java.util", runtime)) {
                inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.util", Set.of(runtime)), Set.of(),
                        Map.of());
            }
            opened = true;
        } catch (RuntimeException | LinkageError e) {
            // Snapshots still work: java.util collections are then copied through their own API.
            faults.report("opening java.util for snapshots", e);
        }
    }
}
