package io.selfheal.agent.weave;

import io.selfheal.runtime.config.CheckpointsConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which classes get woven: those a target names (by its {@link TargetIndex}) and those named in
 * {@code checkpoints.state}. Made from the config alone, so the class-load hook can answer before
 * the engine exists.
 */
public final class ClassSelection {
    private final TargetIndex index;
    private final Set<String> checkpointClasses;

    public ClassSelection(TargetIndex index, CheckpointsConfig checkpoints) {
        this(index, checkpointClassesOf(checkpoints));
    }

    private ClassSelection(TargetIndex index, Set<String> checkpointClasses) {
        this.index = index;
        this.checkpointClasses = checkpointClasses;
    }

    /** The same checkpoint classes with the targets of another config (a reload keeps checkpoints as they are). */
    public ClassSelection withIndex(TargetIndex next) {
        return new ClassSelection(next, checkpointClasses);
    }

    public TargetIndex index() {
        return index;
    }

    /** True when the class (internal name) {@code loader} defines is a target's or a checkpoint's: it is to be woven. */
    public boolean wants(String internalName, ClassLoader loader) {
        return index.lookup(internalName, loader) != null || isCheckpointClass(internalName);
    }

    /** True when the class (internal name) is named in {@code checkpoints.state}. */
    public boolean isCheckpointClass(String internalName) {
        return !checkpointClasses.isEmpty() && checkpointClasses.contains(internalName)
                && !TargetIndex.isAgentClass(internalName);
    }

    /**
     * {@link #wants} for a class that is loaded already (at an attach, at start, after a reload):
     * a target that chooses by supertype asks the class itself, so only its implementations are
     * retransformed.
     */
    public boolean wantsLoaded(Class<?> c) {
        return index.lookupLoaded(c) != null || isCheckpointClass(c.getName().replace('.', '/'));
    }

    private static Set<String> checkpointClassesOf(CheckpointsConfig checkpoints) {
        Set<String> names = new HashSet<>();
        if (checkpoints != null) {
            List<CheckpointsConfig.State> states = checkpoints.state();
            for (CheckpointsConfig.State s : states) {
                names.add(s.className().replace('.', '/'));
            }
        }
        return names;
    }
}
