package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.HealingEngine;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * The class-load hook. A class the config does not name costs one {@link TargetIndex} look-up
 * and is returned untouched; a named one is woven by {@link ClassWeaver}. Any fault leaves the
 * class as it was and is reported once.
 */
public final class HealingTransformer implements ClassFileTransformer {
    private final TargetIndex index;
    private final HealingEngine engine;
    private final ClassWeaver weaver;

    public HealingTransformer(TargetIndex index, HealingEngine engine) {
        this.index = index;
        this.engine = engine;
        this.weaver = new ClassWeaver(engine);
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
        List<TargetConfig> targets = index.lookup(className);
        if (targets == null) {
            return null;
        }
        try {
            return weaver.weave(classfileBuffer, loader, targets);
        } catch (Throwable t) {
            engine.fault("weave " + className.replace('/', '.'), t);
            return null;
        }
    }
}
