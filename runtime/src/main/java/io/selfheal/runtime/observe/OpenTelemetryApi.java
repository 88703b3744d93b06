package io.selfheal.runtime.observe;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;

/**
 * The parts of one OpenTelemetry API the agent calls, as method handles found in the loader that
 * has it: the OpenTelemetry Java agent's own (shaded, on the boot class path) or the
 * application's. Nothing of OpenTelemetry is bundled or named at compile time.
 */
final class OpenTelemetryApi {
    /** Where the OpenTelemetry Java agent puts its API: the boot class path, under this prefix. */
    static final String AGENT_PREFIX = "io.opentelemetry.javaagent.shaded.";

    final String origin;
    private final MethodHandle currentSpan;
    private final MethodHandle isRecording;
    private final MethodHandle addEvent;
    private final MethodHandle setBoolean;
    private final MethodHandle attributesBuilder;
    private final MethodHandle putString;
    private final MethodHandle putLong;
    private final MethodHandle build;
    private final MethodHandle globalGet;
    /** {@code GlobalOpenTelemetry.isSet()}, where the API has it; null otherwise. */
    private final MethodHandle globalIsSet;
    private final MethodHandle getMeter;
    private final MethodHandle counterBuilder;
    private final MethodHandle counterDescription;
    private final MethodHandle counterWithCallback;
    private final MethodHandle gaugeBuilder;
    private final MethodHandle gaugeDescription;
    private final MethodHandle gaugeWithCallback;
    private final MethodHandle recordLong;
    private final MethodHandle recordDouble;
    private final boolean agents;

    private OpenTelemetryApi(String prefix, ClassLoader loader, String origin) throws ReflectiveOperationException {
        this.origin = origin;
        this.agents = !prefix.isEmpty();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> span = type(prefix, "io.opentelemetry.api.trace.Span", loader);
        Class<?> attributes = type(prefix, "io.opentelemetry.api.common.Attributes", loader);
        Class<?> builder = type(prefix, "io.opentelemetry.api.common.AttributesBuilder", loader);
        Class<?> global = type(prefix, "io.opentelemetry.api.GlobalOpenTelemetry", loader);
        Class<?> openTelemetry = type(prefix, "io.opentelemetry.api.OpenTelemetry", loader);
        Class<?> meter = type(prefix, "io.opentelemetry.api.metrics.Meter", loader);
        Class<?> longCounterBuilder = type(prefix, "io.opentelemetry.api.metrics.LongCounterBuilder", loader);
        Class<?> doubleGaugeBuilder = type(prefix, "io.opentelemetry.api.metrics.DoubleGaugeBuilder", loader);
        Class<?> longMeasurement = type(prefix, "io.opentelemetry.api.metrics.ObservableLongMeasurement", loader);
        Class<?> doubleMeasurement = type(prefix, "io.opentelemetry.api.metrics.ObservableDoubleMeasurement", loader);
        currentSpan = lookup.findStatic(span, "current", MethodType.methodType(span));
        isRecording = lookup.findVirtual(span, "isRecording", MethodType.methodType(boolean.class));
        addEvent = lookup.findVirtual(span, "addEvent", MethodType.methodType(span, String.class, attributes));
        setBoolean = lookup.findVirtual(span, "setAttribute", MethodType.methodType(span, String.class, boolean.class));
        attributesBuilder = lookup.findStatic(attributes, "builder", MethodType.methodType(builder));
        putString = lookup.findVirtual(builder, "put", MethodType.methodType(builder, String.class, String.class));
        putLong = lookup.findVirtual(builder, "put", MethodType.methodType(builder, String.class, long.class));
        build = lookup.findVirtual(builder, "build", MethodType.methodType(attributes));
        globalGet = lookup.findStatic(global, "get", MethodType.methodType(openTelemetry));
        MethodHandle isSet;
        try {
            isSet = lookup.findStatic(global, "isSet", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException older) {
            isSet = null;
        }
        globalIsSet = isSet;
        getMeter = lookup.findVirtual(openTelemetry, "getMeter", MethodType.methodType(meter, String.class));
        counterBuilder = lookup.findVirtual(meter, "counterBuilder", MethodType.methodType(longCounterBuilder, String.class));
        counterDescription = lookup.findVirtual(longCounterBuilder, "setDescription",
                MethodType.methodType(longCounterBuilder, String.class));
        counterWithCallback = lookup.findVirtual(longCounterBuilder, "buildWithCallback",
                MethodType.methodType(type(prefix, "io.opentelemetry.api.metrics.ObservableLongCounter", loader),
                        Consumer.class));
        gaugeBuilder = lookup.findVirtual(meter, "gaugeBuilder", MethodType.methodType(doubleGaugeBuilder, String.class));
        gaugeDescription = lookup.findVirtual(doubleGaugeBuilder, "setDescription",
                MethodType.methodType(doubleGaugeBuilder, String.class));
        gaugeWithCallback = lookup.findVirtual(doubleGaugeBuilder, "buildWithCallback",
                MethodType.methodType(type(prefix, "io.opentelemetry.api.metrics.ObservableDoubleGauge", loader),
                        Consumer.class));
        recordLong = lookup.findVirtual(longMeasurement, "record", MethodType.methodType(void.class, long.class, attributes));
        recordDouble = lookup.findVirtual(doubleMeasurement, "record",
                MethodType.methodType(void.class, double.class, attributes));
    }

    private static Class<?> type(String prefix, String name, ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(prefix + name, false, loader);
    }

    /** The OpenTelemetry Java agent's API, when that agent runs in this JVM; else null. */
    static OpenTelemetryApi ofAgent() throws ReflectiveOperationException {
        if (!present(AGENT_PREFIX, null)) {
            return null;
        }
        return new OpenTelemetryApi(AGENT_PREFIX, null, "the OpenTelemetry Java agent");
    }

    /** The application's OpenTelemetry API in {@code loader}, when it has one; else null. */
    static OpenTelemetryApi ofApplication(ClassLoader loader) throws ReflectiveOperationException {
        if (!present("", loader)) {
            return null;
        }
        return new OpenTelemetryApi("", loader, "the application's OpenTelemetry API");
    }

    /** True when {@code loader} sees the API's Span; loads and initialises nothing of it. */
    static boolean present(String prefix, ClassLoader loader) {
        try {
            Class.forName(prefix + "io.opentelemetry.api.trace.Span", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** The current span when it records, else null. */
    Object recordingSpan() throws Throwable {
        Object span = currentSpan.invoke();
        return (boolean) isRecording.invoke(span) ? span : null;
    }

    Object attributes(Object... keysAndValues) throws Throwable {
        Object b = attributesBuilder.invoke();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            if (v instanceof Number n) {
                putLong.invoke(b, (String) keysAndValues[i], n.longValue());
            } else if (v != null) {
                putString.invoke(b, (String) keysAndValues[i], v.toString());
            }
        }
        return build.invoke(b);
    }

    void addEvent(Object span, String name, Object attributes) throws Throwable {
        addEvent.invoke(span, name, attributes);
    }

    void setAttribute(Object span, String key, boolean value) throws Throwable {
        setBoolean.invoke(span, key, value);
    }

    /**
     * True when a global OpenTelemetry is there to publish metrics into. The agent's always is
     * (it sets it at its start); the application's only once it has set one: asking
     * {@code GlobalOpenTelemetry.get()} earlier would fix it to a no-op and make the
     * application's own {@code set} fail, so without {@code isSet()} the agent does not ask.
     */
    boolean globalReady() throws Throwable {
        if (agents) {
            return true;
        }
        return globalIsSet != null && (boolean) globalIsSet.invoke();
    }

    Object meter(String scope) throws Throwable {
        return getMeter.invoke(globalGet.invoke(), scope);
    }

    /** A monotonic counter read at each collection; {@code observe} gets a record(long, attributes). */
    void counter(Object meter, String name, String description, Consumer<Object> observe) throws Throwable {
        Object b = counterBuilder.invoke(meter, name);
        counterDescription.invoke(b, description);
        counterWithCallback.invoke(b, observe);
    }

    void gauge(Object meter, String name, String description, Consumer<Object> observe) throws Throwable {
        Object b = gaugeBuilder.invoke(meter, name);
        gaugeDescription.invoke(b, description);
        gaugeWithCallback.invoke(b, observe);
    }

    void recordLong(Object measurement, long value, Object attributes) throws Throwable {
        recordLong.invoke(measurement, value, attributes);
    }

    void recordDouble(Object measurement, double value, Object attributes) throws Throwable {
        recordDouble.invoke(measurement, value, attributes);
    }
}
