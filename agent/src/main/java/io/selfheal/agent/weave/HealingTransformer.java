package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.HealingEngine;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The class-load hook. A class the config does not name costs one {@link TargetIndex} look-up
 * and is returned untouched; a named one is woven by {@link ClassWeaver}. Any fault leaves the
 * class as it was and is reported once.
 */
public final class HealingTransformer implements ClassFileTransformer {
    private volatile TargetIndex index;
    /**
     * Weaving a named class holds the read side; a config reload swaps the engine's targets and
     * the index under the write side, so no class is woven with one config's index and the other's
     * targets. Classes the config does not name never touch the lock.
     */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private final HealingEngine engine;
    private final ClassWeaver weaver;
    private final Set<String> checkpointClasses = new HashSet<>();

    public HealingTransformer(TargetIndex index, HealingEngine engine) {
        this.index = index;
        this.engine = engine;
        this.weaver = new ClassWeaver(engine);
        if (engine.checkpoints() != null) {
            engine.checkpoints().config().state()
                    .forEach(s -> checkpointClasses.add(s.className().replace('.', '/')));
        }
    }

    /** True when the class (internal name) is a target's or a checkpoint's: it is to be woven. */
    public boolean wants(String internalName) {
        return index.lookup(internalName) != null
                || (!checkpointClasses.isEmpty() && checkpointClasses.contains(internalName)
                        && !TargetIndex.isAgentClass(internalName));
    }

    public TargetIndex index() {
        return index;
    }

    /**
     * Runs {@code swap} (which replaces the engine's targets) and then weaves by {@code next},
     * both while no class is being woven. Classes already woven stay as they are.
     */
    public void swap(Runnable swap, TargetIndex next) {
        swapLock.writeLock().lock();
        try {
            swap.run();
            this.index = next;
        } finally {
            swapLock.writeLock().unlock();
        }
    }

    /** See {@link ClassWeaver#reportTargetsThatMatchedNothing}. */
    public void reportTargetsThatMatchedNothing(java.util.Collection<io.selfheal.runtime.config.TargetConfig> targets) {
        weaver.reportTargetsThatMatchedNothing(targets);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        if (!wants(className)) {
            return null;
        }
        swapLock.readLock().lock();
        try {
            List<TargetConfig> targets = index.lookup(className);   // none: a checkpoint class only
            return weaver.weave(classfileBuffer, loader, targets == null ? List.of() : targets);
        } catch (Throwable t) {
            engine.fault("weave " + className.replace('/', '.'), t);
            return null;
        } finally {
            swapLock.readLock().unlock();
        }
    }
}
