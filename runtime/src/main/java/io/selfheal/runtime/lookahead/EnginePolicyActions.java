package io.selfheal.runtime.lookahead;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.Initiator;
import io.selfheal.runtime.engine.Site;
import io.selfheal.runtime.engine.TargetRuntime;

import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchOutcome;
import io.selfheal.runtime.policy.PolicyActions;
import io.selfheal.runtime.rules.JvmMemory;
import io.selfheal.runtime.state.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The policy actions, carried out on the engine's targets on behalf of a policy or a prediction
 * (named as {@code by} in the events they cause):
 *
 * <ul>
 *   <li>{@code open-circuit} / {@code close-circuit}: the target's circuit breaker, forced open for
 *       its {@code open-for} (calls short-circuit, then probe as usual) or closed;
 *   <li>{@code isolate} / {@code release}: the target's quarantine, until released;
 *   <li>{@code restore-checkpoint}: the latest checkpoint of {@code checkpoints:} put back;
 *   <li>{@code apply-patch <id>} / {@code rollback-patch <id>}: hot patching, through the agent's
 *       {@link PatchApplier}; the jar of {@code apply-patch} is the argument itself when it ends in
 *       {@code .jar}, otherwise {@code <id>.jar} in the given patch directories;
 *   <li>{@code set-limit <n>}: the target's adaptive concurrency limit, clamped into its min..max;
 *   <li>{@code invoke}: the static method, resolved in the class loader of one of the target's
 *       woven classes.
 * </ul>
 *
 * An action that cannot act throws with the reason, so a policy escalates instead of pretending.
 */
public class EnginePolicyActions implements PolicyActions {
    private final HealingEngine engine;
    private final Initiator by;
    private final List<Path> patchDirectories;

    /** Actions on behalf of a policy, with no patch directories. */
    public EnginePolicyActions(HealingEngine engine) {
        this(engine, Initiator.POLICY, List.of());
    }

    /** @param patchDirectories where {@code apply-patch <id>} looks for {@code <id>.jar}, in order */
    public EnginePolicyActions(HealingEngine engine, Initiator by, List<Path> patchDirectories) {
        this.engine = engine;
        this.by = by;
        this.patchDirectories = List.copyOf(patchDirectories);
    }

    /** The same actions on behalf of someone else (a prediction's pre-emption rather than a policy). */
    public EnginePolicyActions onBehalfOf(Initiator other) {
        return new EnginePolicyActions(engine, other, patchDirectories);
    }

    private TargetRuntime target(String name) {
        TargetRuntime t = engine.target(name);
        if (t == null) {
            throw new IllegalStateException("no target named '" + name + "'");
        }
        return t;
    }

    @Override
    public void openCircuit(String target) {
        target(target).openCircuit(by);
    }

    @Override
    public void closeCircuit(String target) {
        TargetRuntime t = target(target);
        if (!t.hasCircuitBreaker()) {
            throw new IllegalStateException("target '" + target + "' has no circuit-breaker");
        }
        t.resetCircuit(by);
    }

    @Override
    public void isolate(String target) {
        target(target).isolate(by);
    }

    @Override
    public void release(String target) {
        target(target).release(by);
    }

    /** Sets the adaptive concurrency limit; the algorithm goes on from it. */
    @Override
    public void setLimit(String target, int limit) {
        target(target).setConcurrencyLimit(limit, by);
    }

    @Override
    public void restoreCheckpoint(String target) {
        target(target);
        Checkpoints checkpoints = engine.checkpoints();
        if (checkpoints == null) {
            throw new IllegalStateException("restore-checkpoint needs a top-level 'checkpoints:' block");
        }
        if (checkpoints.restoreLatest(by.wireName(), target) == null) {
            throw new IllegalStateException("no checkpoint has been taken yet");
        }
    }

    @Override
    public void applyPatch(String target, String patchId) {
        PatchOutcome outcome = applier().apply(patchJar(patchId), by.wireName() + ":" + target);
        if (!outcome.done()) {
            throw new IllegalStateException("patch " + patchId + " refused: " + outcome.message());
        }
    }

    @Override
    public void rollbackPatch(String target, String patchId) {
        PatchOutcome outcome = applier().rollback(patchId, by.wireName() + ":" + target);
        if (!outcome.done()) {
            throw new IllegalStateException("patch " + patchId + " not rolled back: " + outcome.message());
        }
    }

    private PatchApplier applier() {
        PatchApplier applier = engine.patchApplier();
        if (applier == null) {
            throw new IllegalStateException("hot patching is not running in this JVM");
        }
        return applier;
    }

    private Path patchJar(String patchId) {
        if (patchId.endsWith(".jar")) {
            return Paths.get(patchId);
        }
        for (Path dir : patchDirectories) {
            Path jar = dir.resolve(patchId + ".jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no patch jar " + patchId + ".jar in " + patchDirectories);
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
            m.setAccessible(true);   // a public method of a class that is not public itself
        } catch (RuntimeException notOpen) {
            // a package not open to the agent: invoke it as the public method it is
        }
        try {
            m.invoke(null, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(className + "#" + methodName + " threw " + cause, cause);
        }
    }

    /** {@code reclaim [name]}: the memory thread runs them; those cooling down are left for later. */
    @Override
    public void reclaim(String target, String reclaimer) {
        JvmMemory memory = JvmMemory.installed();
        if (memory == null) {
            throw new IllegalStateException("reclaim needs a top-level 'memory:' block");
        }
        memory.reclaim(reclaimer, by.wireName() + ":" + target);
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
}
