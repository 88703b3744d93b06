package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.state.Checkpoints;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services the engine's parts share, made once when the engine is built and handed to each
 * part at construction: the clock, the healing log's events, the fault log, which strategies act
 * on which exceptions, the timeout timer, state healing, adaptive choices, and the patch applier.
 *
 * <p>The patch applier comes into being after the engine (hot patching is set up at the first
 * patch request, to keep it off the start path): the context holds the one place it will be, not
 * a setter on the engine.
 */
record EngineContext(Clock clock, HealingEvents events, AgentFaults faults, StrategySelector selector,
        TimeoutScheduler timeouts, StateHealing state, AdaptiveHealing adaptive, Runs runs,
        AtomicReference<PatchApplier> patchApplier, Checkpoints checkpoints, Drills drills) {
}
