package io.selfheal.agent;

import io.selfheal.runtime.config.HttpConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.http.HttpEndpoint;
import io.selfheal.runtime.http.OperatorEndpoint;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Starts the HTTP endpoint. It runs on the JDK's HTTP server, whose module ({@code jdk.httpserver})
 * the platform loader defines: the boot loader cannot see it. When the agent runs from the boot
 * class path, the endpoint's class is therefore defined by a {@link PlatformModuleLoader}.
 */
final class HttpEndpointStart {
    /** A name, not a class literal: the boot loader's copy of the class is never loaded. */
    private static final String ENDPOINT = "io.selfheal.runtime.http.HttpEndpoint";

    private HttpEndpointStart() {
    }

    static OperatorEndpoint start(HttpConfig config, HealingEngine engine, HealthMonitor health, String version)
            throws Exception {
        if (!BootClassPath.inUse()) {
            return HttpEndpoint.start(config, engine, health, version);
        }
        Class<?> endpoint = new PlatformModuleLoader(ENDPOINT).loadClass(ENDPOINT);
        Method start = endpoint.getMethod("start", HttpConfig.class, HealingEngine.class, HealthMonitor.class,
                String.class);
        try {
            return (OperatorEndpoint) start.invoke(null, config, engine, health, version);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : new IllegalStateException(cause);
        }
    }
}
