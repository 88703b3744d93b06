package io.selfheal.runtime.engine;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sites through which code runs blocks under a target's healing ({@code SelfHeal.call}): one
 * per target and class loader, registered in the engine's one {@link SiteRegistry} like a woven
 * method's, so woven calls and calls from code share the target's stages and figures. The loader
 * is the block's own (a lambda's class is defined in its caller's loader): a {@code method:}
 * fallback resolves there. Found with a map read and a short list walk; nothing is allocated once
 * a pair is known.
 */
final class CodeSites {
    /** What the healing log names as the class and method of a call from code. */
    static final String CLASS_NAME = "io.selfheal.api.SelfHeal";
    /** {@code SelfHeal.call}: a block takes nothing and returns an object (a fallback value is given as is). */
    static CodeSites blocks() {
        return new CodeSites("call", "()Ljava/lang/Object;");
    }

    /** {@code SelfHeal.callAsync}: a block that returns a stage, healed on the stage's outcome ({@link Site#async}). */
    static CodeSites stageBlocks() {
        return new CodeSites("callAsync", "()Ljava/util/concurrent/CompletionStage;");
    }

    private final String methodName;
    private final String descriptor;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    private CodeSites(String methodName, String descriptor) {
        this.methodName = methodName;
        this.descriptor = descriptor;
    }

    /** True for a site through which code runs blocks, rather than a woven method. */
    static boolean isCodeSite(Site site) {
        return site.className().equals(CLASS_NAME);
    }

    /** The site id for code of {@code loader} under {@code targetName}; -1 when no such target is configured. */
    int site(String targetName, ClassLoader loader, HealingEngine engine) {
        for (Slot s = slots.get(targetName); s != null; s = s.next) {
            if (s.isFor(loader)) {
                return s.site;
            }
        }
        if (engine.target(targetName) == null) {
            return -1;   // not configured: the block runs as is, and no lock is taken for it
        }
        return register(targetName, loader, engine);
    }

    private synchronized int register(String targetName, ClassLoader loader, HealingEngine engine) {
        Slot first = slots.get(targetName);
        for (Slot s = first; s != null; s = s.next) {
            if (s.isFor(loader)) {
                return s.site;
            }
        }
        TargetRuntime target = engine.target(targetName);
        if (target == null) {
            return -1;
        }
        int id = engine.registerSite(targetName, CLASS_NAME, methodName, descriptor, loader,
                target.config().fallback());
        slots.put(targetName, new Slot(loader, id, first));
        return id;
    }

    /**
     * After a config reload: each pair registers again at its next call, and gets the same id back
     * with the target now in force (or -1 for a target the new config dropped).
     */
    synchronized void clear() {
        slots.clear();
    }

    private static final class Slot {
        final WeakReference<ClassLoader> loader;
        final boolean bootLoader;
        final int site;
        final Slot next;

        Slot(ClassLoader loader, int site, Slot next) {
            this.loader = new WeakReference<>(loader);
            this.bootLoader = loader == null;
            this.site = site;
            this.next = next;
        }

        boolean isFor(ClassLoader l) {
            return l == null ? bootLoader : loader.get() == l;
        }
    }
}
