package io.selfheal.agent.lifecycle;

import io.selfheal.agent.weave.ClassSelection;
import io.selfheal.runtime.engine.AgentFaults;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Retransforms classes that are already loaded: at an attach, at start, and after a config reload. */
final class LoadedClasses {
    private LoadedClasses() {
    }

    /**
     * Retransforms {@code matches} (see {@link #matching}), all in one call; when that call refuses,
     * one by one, so one class that cannot be retransformed does not hold the others.
     *
     * @return how many were retransformed
     */
    static int retransform(Instrumentation inst, List<Class<?>> matches, AgentFaults faults) {
        if (matches.isEmpty()) {
            return 0;
        }
        try {
            inst.retransformClasses(matches.toArray(new Class<?>[0]));
            return matches.size();
        } catch (Throwable all) {
            int done = 0;
            for (Class<?> c : matches) {
                try {
                    inst.retransformClasses(c);
                    done++;
                } catch (Throwable one) {
                    faults.report("retransform " + c.getName(), one);
                }
            }
            return done;
        }
    }

    /** The modifiable loaded classes {@code which} accepts. */
    static List<Class<?>> matching(Instrumentation inst, Predicate<Class<?>> which) {
        List<Class<?>> matches = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            // The predicate before the native isModifiableClass: at start it turns nearly every class away.
            if (!c.isArray() && !c.isPrimitive() && which.test(c) && inst.isModifiableClass(c)) {
                matches.add(c);
            }
        }
        return matches;
    }

    /**
     * The modifiable loaded classes {@code selection} wants to weave, at start. Without
     * {@code jdkClassesToo}, the boot and platform loaders' classes, nearly all that is loaded at
     * that point, are passed over without a name look-up. A loop of its own rather than
     * {@link #matching} with a predicate: one class fewer to load at start.
     */
    static List<Class<?>> wantedBy(ClassSelection selection, Instrumentation inst, boolean jdkClassesToo) {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        List<Class<?>> wanted = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isArray() || c.isPrimitive()) {
                continue;
            }
            ClassLoader loader = c.getClassLoader();
            if ((jdkClassesToo || (loader != null && loader != platform)) && selection.wantsLoaded(c)
                    && inst.isModifiableClass(c)) {
                wanted.add(c);
            }
        }
        return wanted;
    }
}
