package io.selfheal.runtime.observe;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.health.HealthMonitor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Healing in the application's OpenTelemetry: on the current span of a woven call, a span event
 * per healing decision ({@code selfheal.retry} with attempt, delay and exception;
 * {@code selfheal.fallback}; {@code selfheal.short_circuit}) and {@code selfheal.healed=true} when
 * healing answered; and the agent's counters as OpenTelemetry metrics ({@code selfheal.calls}, ...,
 * attribute {@code target}). Subscribed to the event bus, so it runs on the healing thread, where
 * the call's span is current. The API is the OpenTelemetry Java agent's when that agent runs, else
 * the application's own, found by {@link ApplicationMeters}; until one is found an event costs a
 * volatile read. A failing API is one agent fault, then off.
 */
public final class OpenTelemetryBridge implements EventSink {
    /** The instrumentation scope the agent's metrics come under. */
    static final String SCOPE = "io.selfheal";
    private static final String SPAN = "io.opentelemetry.api.trace.Span";
    /** The OpenTelemetry Java agent's own API, shaded on the boot class path. */
    private static final String AGENT_SPAN = "io.opentelemetry.javaagent.shaded." + SPAN;

    private final HealingEngine engine;
    private final HealthMonitor health;
    private volatile OpenTelemetryApi api;
    private volatile boolean broken;
    private boolean metricsPublished;
    private final Map<String, Object> targetAttributes = new ConcurrentHashMap<>();

    public OpenTelemetryBridge(HealingEngine engine, HealthMonitor health) {
        this.engine = engine;
        this.health = health;
    }

    /** The origin of the API in use ("the OpenTelemetry Java agent", ...), or null before one is found. */
    public String origin() {
        OpenTelemetryApi a = api;
        return a == null ? null : a.origin;
    }

    @Override
    public void publish(Event e) {
        OpenTelemetryApi a = api;
        if (a == null || broken) {
            return;
        }
        String name;
        switch (e.type()) {
            case RETRY:
                name = e.get("outcome") == null ? "selfheal.retry" : null;
                break;
            case FALLBACK:
                name = e.get("outcome") == null ? "selfheal.fallback" : null;
                break;
            case SHORT_CIRCUITED:
                name = "selfheal.short_circuit";
                break;
            case HEALED:
                name = "";
                break;
            default:
                return;
        }
        if (name == null) {
            return;
        }
        try {
            Object span = a.recordingSpan();
            if (span == null) {
                return;
            }
            if (name.isEmpty()) {
                a.setAttribute(span, "selfheal.healed", true);
                return;
            }
            a.addEvent(span, name, a.attributes("target", e.get("target"), "attempt", e.get("attempt"),
                    "delay", e.get("delayMs"), "exception", e.get("exception"), "fallback", e.get("fallback"),
                    "reason", e.get("reason"), "answer", e.get("answer")));
        } catch (Throwable t) {
            off(t);
        }
    }

    /**
     * At the agent's start, so that the first healed calls already show on their spans when the
     * OpenTelemetry Java agent started before ours.
     */
    public void lookForTheAgent() {
        look(List.of());
    }

    /** Called by {@link ApplicationMeters} on the sampler's tick: the agent's API first, then each new loader's. */
    synchronized void look(List<ClassLoader> freshLoaders) {
        if (broken) {
            return;
        }
        try {
            // Presence is asked here, so that OpenTelemetryApi loads only once there is an API to call.
            if (api == null && sees(null, AGENT_SPAN)) {
                api = OpenTelemetryApi.ofAgent();   // the agent may start after ours: asked until found
            }
            for (ClassLoader loader : freshLoaders) {
                if (api == null && sees(loader, SPAN)) {
                    api = OpenTelemetryApi.ofApplication(loader);
                }
            }
            OpenTelemetryApi a = api;
            if (a != null && !metricsPublished && a.globalReady()) {
                publishMetrics(a);
                metricsPublished = true;
            }
        } catch (Throwable t) {
            off(t);
        }
    }

    private void publishMetrics(OpenTelemetryApi a) throws Throwable {
        Object meter = a.meter(SCOPE);
        for (Meter m : MeterCatalogue.of(engine, health)) {
            Consumer<Object> observe = new Consumer<Object>() {
                @Override
                public void accept(Object measurement) {
                    try {
                        if (m.isPerTarget()) {
                            for (TargetRuntime t : engine.targets()) {
                                record(a, m, measurement, m.perTarget().applyAsDouble(t), attributesOf(a, t.name()));
                            }
                        } else {
                            record(a, m, measurement, m.agentWide().getAsDouble(), a.attributes());
                        }
                    } catch (Throwable t) {
                        off(t);
                    }
                }
            };
            if (m.counter()) {
                a.counter(meter, m.name(), m.description(), observe);
            } else {
                a.gauge(meter, m.name(), m.description(), observe);
            }
        }
    }

    private static void record(OpenTelemetryApi a, Meter m, Object measurement, double value, Object attributes)
            throws Throwable {
        if (m.counter()) {
            a.recordLong(measurement, (long) value, attributes);
        } else {
            a.recordDouble(measurement, value, attributes);
        }
    }

    private Object attributesOf(OpenTelemetryApi a, String target) throws Throwable {
        Object known = targetAttributes.get(target);
        if (known == null) {
            known = a.attributes("target", target);
            targetAttributes.put(target, known);
        }
        return known;
    }

    /** True when {@code loader} (null: the boot loader) can load {@code className}; loads nothing of it. */
    private static boolean sees(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private void off(Throwable why) {
        if (!broken) {
            broken = true;
            engine.fault("opentelemetry", why);
        }
    }
}
