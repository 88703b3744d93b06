package io.selfheal.agent.lifecycle;

import io.selfheal.bootstrap.CodeHandler;
import io.selfheal.runtime.engine.AgentFaults;
import io.selfheal.runtime.events.EventListeners;
import io.selfheal.runtime.jmx.TargetFigures;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The agent behind {@link io.selfheal.bootstrap.CodeHealing}: healing from code
 * ({@code SelfHeal.call}) and the in-process listeners. Installed in {@code premain}; the first
 * call from code builds the agent if no woven class has yet (a target used only from code names no
 * class to build it for), and from then on a call costs a volatile read and the engine's site look-up.
 */
final class CodeCalls implements CodeHandler {
    private final OnDemandAgent agent;
    private final EventListeners listeners;
    private final AgentFaults faults;

    CodeCalls(OnDemandAgent agent, EventListeners listeners, AgentFaults faults) {
        this.agent = agent;
        this.listeners = listeners;
        this.faults = faults;
    }

    @Override
    public int site(String target, ClassLoader loader) {
        SelfhealAgent built = agent.forCode();
        return built == null ? NOT_NOW : built.engine().codeSite(target, loader);
    }

    @Override
    public int asyncSite(String target, ClassLoader loader) {
        SelfhealAgent built = agent.forCode();
        return built == null ? NOT_NOW : built.engine().stageCodeSite(target, loader);
    }

    @Override
    public boolean hasTarget(String target) {
        SelfhealAgent built = agent.forCode();
        return built != null && built.engine().target(target) != null;
    }

    @Override
    public AutoCloseable subscribe(String target, Collection<String> types, Consumer<Map<String, Object>> listener) {
        return listeners.subscribe(target, types, listener);
    }

    @Override
    public long droppedEvents() {
        return listeners.dropped();
    }

    @Override
    public Map<String, Object> stats(String target) {
        SelfhealAgent built = agent.forCode();
        return built == null ? null : TargetFigures.of(target, built.engine(), built.health());
    }

    @Override
    public void fault(String where, Throwable fault) {
        faults.report(where, fault);
    }
}
