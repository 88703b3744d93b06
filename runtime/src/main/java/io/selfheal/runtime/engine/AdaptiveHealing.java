package io.selfheal.runtime.engine;

import io.selfheal.runtime.adaptive.AdaptiveSelector;
import io.selfheal.runtime.adaptive.AdaptiveStrategies;
import io.selfheal.runtime.config.BackoffConfig;
import io.selfheal.runtime.config.ExceptionFilter;
import io.selfheal.runtime.config.IsolateConfig;
import io.selfheal.runtime.config.RetryConfig;
import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.events.Event;
import java.util.Collection;

/**
 * {@code strategy: adaptive} on the engine's failure path. At a call's first failure the target's
 * selector chooses a candidate for the exception type; the candidate decides how the call is
 * healed, and the call's end (healed or not, and how long it took) is recorded for that candidate:
 *
 * <ul>
 *   <li>{@code retry}: the target's {@code retry:} (or retry's defaults) re-runs the body; the
 *       candidate healed when a re-run returned;
 *   <li>{@code restore}: the body is re-run once (after {@code restore:} rolled the receiver's
 *       fields back, when the target has it); healed when that re-run returned;
 *   <li>{@code fallback}: no re-run, the fallback chain answers at once; healed when it gave a value;
 *   <li>{@code circuit-breaker}: the circuit is opened (by: adaptive) so the calls that follow
 *       short-circuit, and this one is answered by the fallback chain;
 *   <li>{@code isolate}: the target is isolated for {@code isolate.for} (by: adaptive), and this
 *       call is answered by the fallback chain.
 * </ul>
 *
 * A re-running candidate that does not heal still ends in the fallback chain, so adapting never
 * leaves a caller worse off than the fixed order would; the candidate is recorded as not healed.
 */
final class AdaptiveHealing {
    private static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(new RetryConfig(
            RetryConfig.DEFAULT_MAX_ATTEMPTS, BackoffConfig.DEFAULT, ExceptionFilter.ALL_EXCEPTIONS));
    private static final RetryPolicy ONE_RERUN = new RetryPolicy(new RetryConfig(2, BackoffConfig.DEFAULT,
            ExceptionFilter.ALL_EXCEPTIONS));

    /** How a call ended. */
    enum Ending { RERUN_RETURNED, FALLBACK_ANSWERED, NOT_HEALED }

    /** Replaced whole on a config reload (what kept targets learned is carried over). */
    private volatile AdaptiveStrategies strategies;

    AdaptiveHealing(Collection<TargetConfig> targets) {
        this.strategies = new AdaptiveStrategies(targets);
    }

    AdaptiveStrategies strategies() {
        return strategies;
    }

    void replaceTargets(Collection<TargetConfig> targets) {
        AdaptiveStrategies next = new AdaptiveStrategies(targets);
        next.restore(strategies.snapshot());
        strategies = next;
    }

    /** Chooses at a call's first failure (stored in the call); nothing for a target with a fixed strategy. */
    void chooseAtFirstFailure(TargetRuntime t, CallState call, Throwable failure) {
        if (call.choice != null || call.attempt != 1) {
            return;
        }
        AdaptiveStrategies s = strategies;
        if (s.isEmpty()) {
            return;
        }
        AdaptiveSelector.Choice c = s.choose(t.name(), failure);
        if (c != null) {
            call.choice = c;
            call.choiceFor = failure;
        }
    }

    /** The retry policy in force for this call: the target's own unless the choice says otherwise. */
    static RetryPolicy retryFor(TargetRuntime t, CallState call) {
        if (call.choice == null) {
            return t.retry();
        }
        Strategy candidate = Strategy.named(call.choice.candidate());
        if (candidate == Strategy.RETRY) {
            return t.retry() != null ? t.retry() : DEFAULT_RETRY;
        }
        return candidate == Strategy.RESTORE ? ONE_RERUN : null;
    }

    /** Before the fallback chain answers: circuit-breaker and isolate act on the target first. */
    static void beforeFallback(TargetRuntime t, CallState call) {
        if (call.choice == null) {
            return;
        }
        switch (Strategy.named(call.choice.candidate())) {
            case CIRCUIT_BREAKER -> {
                if (t.hasCircuitBreaker()) {
                    t.breaker().openIfClosed(Initiator.ADAPTIVE);
                }
            }
            case ISOLATE -> {
                // Isolates only if not isolated already, in one step under the isolation's lock.
                IsolateConfig iso = t.config().isolate();
                t.isolation().isolateFor((iso == null ? IsolateConfig.DEFAULT_FOR : iso.duration()).toMillis(),
                        Initiator.ADAPTIVE);
            }
            default -> {
            }
        }
    }

    /** Records how the chosen candidate did, once, at the end of the call. */
    void finished(TargetRuntime t, CallState call, Ending ending, long millis) {
        if (call.choice == null) {
            return;
        }
        String candidate = call.choice.candidate();
        boolean reruns = candidate.equals(Strategy.RETRY.wireName()) || candidate.equals(Strategy.RESTORE.wireName());
        boolean healed = reruns ? ending == Ending.RERUN_RETURNED : ending == Ending.FALLBACK_ANSWERED;
        strategies.record(t.name(), call.choiceFor, candidate, healed, millis);
    }

    /** The choice and its reason, in a failure or outcome event. */
    static Event describe(Event e, CallState call) {
        if (call.choice == null) {
            return e;
        }
        return e.with("choice", call.choice.candidate()).with("choiceReason", call.choice.reason())
                .with("exploring", call.choice.exploring() ? Boolean.TRUE : null);
    }
}
