package io.selfheal.it.apps;

import java.util.concurrent.Callable;

/**
 * Runs work inside a span of the application's own OpenTelemetry API, by reflection (the apps are
 * compiled without OpenTelemetry; the test puts the API on the class path, and the OpenTelemetry
 * Java agent bridges it to its SDK).
 */
final class Traced {
    private Traced() {
    }

    static String inSpan(String name, Callable<String> work) throws Exception {
        Class<?> global = Class.forName("io.opentelemetry.api.GlobalOpenTelemetry");
        Object tracer = global.getMethod("getTracer", String.class).invoke(null, "observe-app");
        Object builder = Class.forName("io.opentelemetry.api.trace.Tracer").getMethod("spanBuilder", String.class)
                .invoke(tracer, name);
        Object span = Class.forName("io.opentelemetry.api.trace.SpanBuilder").getMethod("startSpan").invoke(builder);
        Class<?> spanType = Class.forName("io.opentelemetry.api.trace.Span");
        AutoCloseable scope = (AutoCloseable) spanType.getMethod("makeCurrent").invoke(span);
        try {
            return work.call();
        } finally {
            scope.close();
            spanType.getMethod("end").invoke(span);
        }
    }
}
