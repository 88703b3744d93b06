package io.selfheal.agent.lifecycle;

import io.selfheal.agent.boot.AgentVersion;
import io.selfheal.agent.boot.BootClassPath;
import io.selfheal.agent.boot.PlatformModuleLoader;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.HttpConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.http.HttpEndpoint;
import io.selfheal.runtime.http.OperatorEndpoint;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * The HTTP endpoint ({@code http}), from {@code premain} on when configured; a change to it takes
 * effect at the next start. It runs on the JDK's HTTP server, whose module
 * ({@code jdk.httpserver}) the platform loader defines: the boot loader cannot see it. When the
 * agent runs from the boot class path, the endpoint's class is therefore defined by a
 * {@link PlatformModuleLoader}.
 */
final class HttpEndpointPart implements AgentPart {
    /** A name, not a class literal: the boot loader's copy of the class is never loaded. */
    private static final String ENDPOINT = "io.selfheal.runtime.http.HttpEndpoint";

    private volatile OperatorEndpoint endpoint;

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return config.http() != null ? "http endpoint" : null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        HttpConfig http = agent.config().http();
        if (http == null) {
            return;
        }
        try {
            endpoint = start(http, agent.engine(), agent.health(), AgentVersion.get());
        } catch (Exception | LinkageError e) {
            agent.engine().fault("http", e);
            System.err.println("[selfheal] the HTTP endpoint did not start: " + e);
        }
    }

    /** The endpoint's address, {@code host:port}; {@code null} when it does not run. */
    String address() {
        OperatorEndpoint e = endpoint;
        return e == null ? null : e.address();
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return Objects.equals(previous.http(), next.http()) ? OnReload.NOTHING : OnReload.RESTART_NEEDED;
    }

    @Override
    public void stop() {
    }

    private static OperatorEndpoint start(HttpConfig config, HealingEngine engine, HealthMonitor health, String version)
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
