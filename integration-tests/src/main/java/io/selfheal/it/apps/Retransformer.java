package io.selfheal.it.apps;

import java.lang.instrument.Instrumentation;

/**
 * A third agent that retransforms on request, as the OpenTelemetry Java agent does when it
 * re-instruments loaded classes: its jar (made by the test, manifest only) names this class as
 * {@code Premain-Class}; {@link ObserveApp}'s {@code retransform} command calls it.
 */
public final class Retransformer {
    private static volatile Instrumentation instrumentation;

    private Retransformer() {
    }

    public static void premain(String options, Instrumentation inst) {
        instrumentation = inst;
    }

    static String retransform(Class<?> type) throws Exception {
        Instrumentation inst = instrumentation;
        if (inst == null) {
            return "no retransformer agent";
        }
        inst.retransformClasses(type);
        return "retransformed " + type.getName();
    }
}
