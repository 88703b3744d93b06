package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.HealingEngine;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The class-load hook. A class the config does not name costs one {@link TargetIndex} look-up
 * and is returned untouched; a named one is woven by {@link ClassWeaver}. Any fault leaves the
 * class as it was and is reported once.
 */
public final class HealingTransformer implements ClassFileTransformer {
    private volatile ClassSelection selection;
    /**
     * Weaving a named class holds the read side; a config reload swaps the engine's targets and
     * the index under the write side, so no class is woven with one config's index and the other's
     * targets. Classes the config does not name never touch the lock.
     */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private final HealingEngine engine;
    private final ClassWeaver weaver;

    public HealingTransformer(TargetIndex index, HealingEngine engine) {
        this(new ClassSelection(index, engine.checkpoints() == null ? null : engine.checkpoints().config()), engine,
                new LateConfigChecks(engine.events()));
    }

    /** @param lateChecks where woven targets are recorded, for the report of those that matched nothing */
    public HealingTransformer(ClassSelection selection, HealingEngine engine, LateConfigChecks lateChecks) {
        this.selection = selection;
        this.engine = engine;
        this.weaver = new ClassWeaver(engine, lateChecks);
    }

    public TargetIndex index() {
        return selection.index();
    }

    /**
     * Runs {@code swap} (which replaces the engine's targets) and then weaves by {@code next},
     * both while no class is being woven. Classes already woven stay as they are.
     */
    public void swap(Runnable swap, TargetIndex next) {
        swapLock.writeLock().lock();
        try {
            swap.run();
            this.selection = selection.withIndex(next);
        } finally {
            swapLock.writeLock().unlock();
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        ClassSelection seen = selection;
        if (!seen.wants(className)) {
            return null;
        }
        swapLock.readLock().lock();
        try {
            ClassSelection now = selection;
            if (now != seen && !now.wants(className)) {
                return null;   // a reload between the look and the lock dropped the class
            }
            List<TargetConfig> targets = now.index().lookup(className);   // none: a checkpoint class only
            return weaver.weave(classfileBuffer, loader, targets == null ? List.of() : targets);
        } catch (Throwable t) {
            engine.fault("weave " + className.replace('/', '.'), t);
            return null;
        } finally {
            swapLock.readLock().unlock();
        }
    }
}
