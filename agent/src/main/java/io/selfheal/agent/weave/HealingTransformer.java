package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.HealingEngine;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The class-load hook. A class the config does not name costs one {@link TargetIndex} look-up
 * and is returned untouched; a named one is woven by {@link ClassWeaver}. Any fault leaves the
 * class as it was and is reported once.
 */
public final class HealingTransformer implements ClassFileTransformer {
    private final TargetIndex index;
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

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        List<TargetConfig> targets = index.lookup(className);
        if (targets == null) {
            if (checkpointClasses.isEmpty() || !checkpointClasses.contains(className)
                    || TargetIndex.isAgentClass(className)) {
                return null;
            }
            targets = List.of();
        }
        try {
            return weaver.weave(classfileBuffer, loader, targets);
        } catch (Throwable t) {
            engine.fault("weave " + className.replace('/', '.'), t);
            return null;
        }
    }
}
