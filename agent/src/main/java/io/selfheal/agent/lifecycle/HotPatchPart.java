package io.selfheal.agent.lifecycle;

import io.selfheal.agent.patch.HotPatching;
import io.selfheal.runtime.config.AgentConfig;

/**
 * Hot patching. Its transformer is registered in {@code premain}, before the weaving one
 * ({@link OnDemandAgent}); here it becomes the engine's patch applier, and its manager is made at
 * once when there is work at start (recorded patches to re-apply, a directory to watch), which
 * then needs the agent built in {@code premain}. A reload leaves it as it started.
 */
final class HotPatchPart implements AgentPart {
    private final HotPatching hotPatching;

    HotPatchPart(HotPatching hotPatching) {
        this.hotPatching = hotPatching;
    }

    @Override
    public String name() {
        return "hot-patch";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return HotPatching.hasWorkAtStart(config) ? "hot patches to re-apply or a directory to watch" : null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        try {
            hotPatching.start(agent.config(), agent.engine());
        } catch (RuntimeException | LinkageError e) {
            agent.engine().fault("hot-patch start", e);
        }
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return OnReload.NOTHING;
    }

    @Override
    public void stop() {
    }
}
