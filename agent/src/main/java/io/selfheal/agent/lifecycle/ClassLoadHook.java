package io.selfheal.agent.lifecycle;

import io.selfheal.agent.weave.HealingTransformer;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The class-load hook registered in {@code premain}. Until the agent is built it answers by name
 * alone (one look-up, as for every class the config does not name) and builds the agent at the
 * first class it is to weave, so that class is woven like any later one; from then on it hands
 * every class to the agent's {@link HealingTransformer}.
 */
final class ClassLoadHook implements ClassFileTransformer {
    private final OnDemandAgent agent;

    ClassLoadHook(OnDemandAgent agent) {
        this.agent = agent;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        HealingTransformer weaving = agent.weaving();
        if (weaving == null) {
            if (!agent.selection().wants(className, loader)) {
                return null;
            }
            weaving = agent.weavingForFirstClass(className);
            if (weaving == null) {
                return null;
            }
        }
        return weaving.transform(loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }
}
