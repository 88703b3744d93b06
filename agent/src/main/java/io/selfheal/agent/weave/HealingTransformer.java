package io.selfheal.agent.weave;

import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.HealingEngine;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** {@code implements:}/{@code extends:} from class files; its cache outlives a reload (supertypes never change). */
    private final Supertypes supertypes = new Supertypes();
    private final SelectorChecks selectorChecks;
    /** The threads inside {@link #transform} for a class it weaves: the guard against weaving recursively. */
    private final Set<Thread> weavingThreads = ConcurrentHashMap.newKeySet();

    public HealingTransformer(TargetIndex index, HealingEngine engine) {
        this(new ClassSelection(index, engine.checkpoints() == null ? null : engine.checkpoints().config()), engine,
                new LateConfigChecks(engine.events()));
    }

    /** @param lateChecks where woven targets are recorded, for the report of those that matched nothing */
    public HealingTransformer(ClassSelection selection, HealingEngine engine, LateConfigChecks lateChecks) {
        this.selection = selection;
        this.engine = engine;
        this.weaver = new ClassWeaver(engine, lateChecks);
        this.selectorChecks = new SelectorChecks(new WeaveProblems(engine.events()));
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
        // One look-up, kept for the weaving below: this runs for every class the JVM loads.
        List<TargetConfig> named = seen.index().lookup(className, loader);
        boolean checkpointClass = seen.isCheckpointClass(className);
        if (named == null && !checkpointClass) {
            return null;
        }
        Thread thread = Thread.currentThread();
        if (!weavingThreads.add(thread)) {
            if (!checkpointClass && Supertypes.allBySupertype(named)) {
                // Loaded while a class file was read for supertypes on this thread (the loader's own
                // machinery): asking its supertypes now would recurse, and it is none of the application's.
                return null;
            }
            // A class loaded by our own weaving on this thread (reading a superclass, say): weaving
            // it here would recurse into the transformer from inside itself. It stays unwoven.
            reportNested(className);
            return null;
        }
        boolean began = ReentryGuard.begin();   // the class loader's own code may be woven
        swapLock.readLock().lock();
        try {
            ClassSelection now = selection;
            List<TargetConfig> targets = named;   // none: a checkpoint class only
            if (now != seen) {
                targets = now.index().lookup(className, loader);
                checkpointClass = now.isCheckpointClass(className);
                if (targets == null && !checkpointClass) {
                    return null;   // a reload between the look and the lock dropped the class
                }
            }
            if (targets != null) {
                selectorChecks.check(targets, loader, className.replace('/', '.'));
                targets = supertypes.keep(targets, loader, classfileBuffer);
                if (targets.isEmpty() && !checkpointClass) {
                    return null;
                }
            }
            return weaver.weave(classfileBuffer, loader, targets == null ? List.of() : targets);
        } catch (Throwable t) {
            // Never let anything out of the transformer: the JVM would log it with an exception
            // pending (the JPLIS assertion) and go on with the class as it was anyway.
            try {
                engine.fault("weave " + className.replace('/', '.'), t);
            } catch (Throwable ignored) {
                // the report itself failed (a StackOverflowError, say): the class stays as it was
            }
            return null;
        } finally {
            swapLock.readLock().unlock();
            ReentryGuard.end(began);
            weavingThreads.remove(thread);
        }
    }

    private void reportNested(String className) {
        try {
            engine.fault("weave " + className.replace('/', '.'),
                    new IllegalStateException("loaded while the agent was weaving another class on the same thread;"
                            + " left unwoven"));
        } catch (Throwable ignored) {
            // nothing more to do: the class stays as it was
        }
    }
}
