package io.selfheal.runtime.observe;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.health.HealthMonitor;
import java.util.List;

/**
 * Looks, now and then off the application's threads, for observability libraries in the
 * application's class loaders and publishes the agent's meters into them: Micrometer's global
 * registry, and OpenTelemetry (the OpenTelemetry Java agent's or the application's API, through
 * {@link OpenTelemetryBridge}). One library that fails is one agent fault, then left alone; the
 * others go on.
 */
public final class ApplicationMeters {
    /** Named here, not through the bridge: looking must not load the bridge. */
    private static final String MICROMETER = "io.micrometer.core.instrument.Metrics";
    private final HealingEngine engine;
    private final HealthMonitor health;
    private final ApplicationLoaders loaders;
    /** Null when {@code observability.opentelemetry} is false. */
    private final OpenTelemetryBridge openTelemetry;
    private MicrometerBridge micrometer;
    private boolean micrometerBroken;

    public ApplicationMeters(HealingEngine engine, HealthMonitor health, OpenTelemetryBridge openTelemetry) {
        this.engine = engine;
        this.health = health;
        this.loaders = new ApplicationLoaders(engine);
        this.openTelemetry = openTelemetry;
    }

    /** One look: new loaders, then new targets. Called from one thread (the health sampler's tick). */
    public synchronized void poll() {
        List<ClassLoader> fresh = loaders.fresh();
        if (openTelemetry != null) {
            openTelemetry.look(fresh);
        }
        if (micrometerBroken) {
            return;
        }
        try {
            for (ClassLoader loader : fresh) {
                if (sees(loader, MICROMETER)) {
                    if (micrometer == null) {
                        micrometer = new MicrometerBridge(engine, MeterCatalogue.of(engine, health));
                    }
                    micrometer.adopt(loader);
                }
            }
            if (micrometer != null) {
                micrometer.registerNewTargets();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            micrometerBroken = true;
            engine.fault("micrometer", e);
        }
    }

    /** True when {@code loader} can load {@code className}; loads and initialises nothing of it. */
    private static boolean sees(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** How many Micrometer registries carry the agent's meters (for tests and status). */
    public synchronized int micrometerRegistries() {
        return micrometer == null ? 0 : micrometer.registries();
    }
}
