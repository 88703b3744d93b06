package io.selfheal.runtime.engine;

import io.selfheal.runtime.policy.PolicyActions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The policy actions this build of the engine can carry out. {@code invoke} is real: the static
 * method is resolved in the class loader of one of the target's woven classes. The others need
 * the circuit breaker, isolation, checkpoints and patches, which plug in here by overriding (or
 * replacing) this class; until then they fail with a clear reason, so a policy escalates instead
 * of pretending.
 */
public class EnginePolicyActions implements PolicyActions {
    private final HealingEngine engine;

    public EnginePolicyActions(HealingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void openCircuit(String target) throws Exception {
        throw unavailable("open-circuit", "circuit breaker");
    }

    @Override
    public void closeCircuit(String target) throws Exception {
        throw unavailable("close-circuit", "circuit breaker");
    }

    @Override
    public void isolate(String target) throws Exception {
        throw unavailable("isolate", "isolation");
    }

    @Override
    public void release(String target) throws Exception {
        throw unavailable("release", "isolation");
    }

    @Override
    public void restoreCheckpoint(String target) throws Exception {
        throw unavailable("restore-checkpoint", "checkpoints");
    }

    @Override
    public void applyPatch(String target, String patchId) throws Exception {
        throw unavailable("apply-patch", "hot patching");
    }

    @Override
    public void rollbackPatch(String target, String patchId) throws Exception {
        throw unavailable("rollback-patch", "hot patching");
    }

    /**
     * Calls {@code className#methodName}: a public static method taking no parameters, or one
     * {@code String} (the target's name).
     */
    @Override
    public void invoke(String target, String className, String methodName) throws Exception {
        ClassLoader loader = loaderOf(target);
        Class<?> type = Class.forName(className, true, loader);
        Method m;
        Object[] args;
        try {
            m = type.getMethod(methodName, String.class);
            args = new Object[] {target};
        } catch (NoSuchMethodException e) {
            m = type.getMethod(methodName);
            args = new Object[0];
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new NoSuchMethodException(className + "#" + methodName + " is not static");
        }
        try {
            m.invoke(null, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(className + "#" + methodName + " threw " + cause, cause);
        }
    }

    /** The loader of the first woven class of {@code target}; the system loader when none is woven yet. */
    private ClassLoader loaderOf(String target) throws ClassNotFoundException {
        for (int id = 0; id < engine.siteCount(); id++) {
            Site site = engine.site(id);
            if (site != null && site.target().name().equals(target)) {
                return site.loader();
            }
        }
        return ClassLoader.getSystemClassLoader();
    }

    private static UnsupportedOperationException unavailable(String action, String feature) {
        return new UnsupportedOperationException(action + " is not available: this build of the agent has no "
                + feature + " to act on");
    }
}
