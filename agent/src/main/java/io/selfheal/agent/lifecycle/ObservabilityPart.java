package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.events.EventBus;
import io.selfheal.runtime.jfr.FlightRecorderSink;
import io.selfheal.runtime.observe.ApplicationMeters;
import io.selfheal.runtime.observe.OpenTelemetryBridge;

/**
 * Healing seen where operators already look: JDK Flight Recorder events, subscribed to the event
 * bus when the agent is built; the agent's meters in the application's Micrometer; span events
 * and metrics in OpenTelemetry (unless {@code observability.opentelemetry: false}). It loads
 * nothing of {@code jdk.jfr} until a recording may be on, nor of a metrics library the
 * application does not have; the health sampler's tick looks again (a recording started later, a
 * class loader met later), off the application's threads.
 */
final class ObservabilityPart implements AgentPart {
    private final EventBus events;

    ObservabilityPart(EventBus events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "observability";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        try {
            FlightRecorderSink sink = new FlightRecorderSink(agent.engine(), agent.health());
            events.subscribe(sink);
            sink.pollAtStart();
            OpenTelemetryBridge openTelemetry = null;
            if (agent.config().observability().openTelemetry()) {
                openTelemetry = new OpenTelemetryBridge(agent.engine(), agent.health());
                events.subscribe(openTelemetry);
                openTelemetry.lookForTheAgent();
            }
            ApplicationMeters meters = new ApplicationMeters(agent.engine(), agent.health(), openTelemetry);
            agent.health().alsoEachTick(new Runnable() {
                @Override
                public void run() {
                    sink.poll();
                    meters.poll();
                }
            });
        } catch (RuntimeException | LinkageError e) {
            agent.engine().fault("observability", e);
        }
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return previous.observability().equals(next.observability()) ? OnReload.NOTHING : OnReload.RESTART_NEEDED;
    }

    /** Stays subscribed: what heals while the JVM shuts down still goes to a recording that runs. */
    @Override
    public void stop() {
    }
}
