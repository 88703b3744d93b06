package io.selfheal.runtime.observe;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The agent's meters in the application's own Micrometer: its global registry
 * ({@code Metrics.globalRegistry}, which Spring Boot binds its auto-configured registries to, so
 * {@code /actuator/prometheus} shows them), found by reflection in the application's class
 * loaders. Micrometer is never bundled; without it nothing of it is loaded. Counters are
 * {@code FunctionCounter}s and states {@code Gauge}s reading the agent's own counters when the
 * registry is read, tagged {@code target}; a target added by a reload joins at the next look.
 */
final class MicrometerBridge {
    static final String METRICS = "io.micrometer.core.instrument.Metrics";

    private final HealingEngine engine;
    private final List<Meter> meters;
    private final List<Registry> registries = new ArrayList<>();

    MicrometerBridge(HealingEngine engine, List<Meter> meters) {
        this.engine = engine;
        this.meters = meters;
    }

    /** Adopts the global registry of the Micrometer {@code loader} sees, once per Micrometer. */
    void adopt(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> metrics = Class.forName(METRICS, true, loader);
        Object global = metrics.getField("globalRegistry").get(null);
        for (Registry r : registries) {
            if (r.registry == global) {
                return;   // the same Micrometer, seen through another loader
            }
        }
        registries.add(new Registry(global, metrics.getClassLoader()));
    }

    int registries() {
        return registries.size();
    }

    /** Registers the meters of targets not registered yet, in every registry adopted. */
    void registerNewTargets() throws ReflectiveOperationException {
        for (Registry r : registries) {
            if (!r.agentWideDone) {
                for (Meter m : meters) {
                    if (!m.isPerTarget()) {
                        r.register(m, engine, new ToDoubleFunction<HealingEngine>() {
                            @Override
                            public double applyAsDouble(HealingEngine e) {
                                return m.agentWide().getAsDouble();
                            }
                        }, null);
                    }
                }
                r.agentWideDone = true;
            }
            for (TargetRuntime t : engine.targets()) {
                if (r.targets.add(t.name())) {
                    TargetReading reading = new TargetReading(engine, t.name());
                    for (Meter m : meters) {
                        if (m.isPerTarget()) {
                            r.register(m, reading, reading.of(m), t.name());
                        }
                    }
                }
            }
        }
    }

    /** A target's values by name, so a target replaced by a reload is read anew; NaN once it is gone. */
    static final class TargetReading {
        private final HealingEngine engine;
        private final String name;

        TargetReading(HealingEngine engine, String name) {
            this.engine = engine;
            this.name = name;
        }

        ToDoubleFunction<TargetReading> of(Meter m) {
            return new ToDoubleFunction<TargetReading>() {
                @Override
                public double applyAsDouble(TargetReading r) {
                    TargetRuntime t = r.engine.target(r.name);
                    return t == null ? Double.NaN : m.perTarget().applyAsDouble(t);
                }
            };
        }
    }

    /** One Micrometer's global registry and the reflective handles of its builders. */
    private static final class Registry {
        final Object registry;
        final Method counterBuilder;
        final Method gaugeBuilder;
        final Class<?> registryType;
        final Set<String> targets = new HashSet<>();
        boolean agentWideDone;
        /** Kept: Micrometer holds a function counter's object weakly. */
        final List<Object> held = new ArrayList<>();

        Registry(Object registry, ClassLoader loader) throws ReflectiveOperationException {
            this.registry = registry;
            this.registryType = Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader);
            this.counterBuilder = Class.forName("io.micrometer.core.instrument.FunctionCounter", false, loader)
                    .getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
            this.gaugeBuilder = Class.forName("io.micrometer.core.instrument.Gauge", false, loader)
                    .getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
        }

        <T> void register(Meter m, T source, ToDoubleFunction<T> read, String target) throws ReflectiveOperationException {
            Object builder = (m.counter() ? counterBuilder : gaugeBuilder).invoke(null, m.name(), source, read);
            Class<?> type = builder.getClass();
            type.getMethod("description", String.class).invoke(builder, m.description());
            if (target != null) {
                type.getMethod("tag", String.class, String.class).invoke(builder, "target", target);
            }
            if (!m.counter()) {
                type.getMethod("strongReference", boolean.class).invoke(builder, true);
            }
            type.getMethod("register", registryType).invoke(builder, registry);
            held.add(source);
        }
    }
}
