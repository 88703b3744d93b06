package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.events.EventType;
import java.util.concurrent.TimeUnit;

/**
 * {@code fallback:}: the first entry of the site's chain that works gives the call's value (a
 * static method, a literal converted to the return type, the type's empty value). With
 * {@code strategy: adaptive}, a candidate that acts on the target (open the circuit, isolate) does
 * so first, and the chain answers this call.
 */
final class FallbackStage implements Stage {
    private final EngineContext context;

    FallbackStage(EngineContext context) {
        this.context = context;
    }

    @Override
    public Object failed(Failure f) {
        CallState call = f.call;
        AdaptiveHealing.beforeFallback(f.target, call);
        if (!context.selector().applies(Strategy.FALLBACK, null, f.failure)) {
            return CONTINUE;
        }
        Object value = value(f);
        if (value == FallbackChain.NO_VALUE) {
            return CONTINUE;
        }
        TargetStats stats = f.target.stats();
        stats.fallbacks.increment();
        stats.healed.increment();
        long healMillis = TimeUnit.NANOSECONDS.toMillis(context.clock().nanoTime() - call.firstFailureNanos);
        context.adaptive().finished(f.target, call, AdaptiveHealing.Ending.FALLBACK_ANSWERED, healMillis);
        HealingEvents events = context.events();
        events.publish(AdaptiveHealing.describe(events.failure(EventType.HEALED, f)
                .strategy(Strategy.FALLBACK.wireName()).attempt(call.attempt).durationMs(healMillis), call));
        return value;
    }

    /** The chain's value; a fault of the agent's own here is reported and means "no value". */
    private Object value(Failure f) {
        try {
            FaultInjection.at(FaultInjection.FALLBACK);
            return f.site.fallback().apply(f.self, f.failure, f.arguments, f.call.drill != null);
        } catch (RuntimeException | LinkageError fault) {
            context.faults().report("fallback", fault);
            return FallbackChain.NO_VALUE;
        }
    }
}
