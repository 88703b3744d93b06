package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;

/**
 * Every target's first healing step: the failure is classified (category, severity), counted,
 * the adaptive choice made at a call's first failure, and {@code error-detected} written (the first
 * failure of a call throttled per exception type: one event a second with a count).
 */
final class ClassifyStage implements Stage {
    private final HealingEvents events;
    private final Clock clock;
    private final AdaptiveHealing adaptive;

    ClassifyStage(EngineContext context) {
        this.events = context.events();
        this.clock = context.clock();
        this.adaptive = context.adaptive();
    }

    @Override
    public Object failed(Failure f) {
        Classification cls = Classifier.classify(f.failure);
        CallState call = f.call;
        call.classification = cls;
        TargetRuntime target = f.target;
        if (call.drill == null) {   // a drill's injected faults are counted apart (drillFaults)
            target.stats().failures.increment();
            target.stats().recordError(f.failure, clock.currentTimeMillis());
        }
        target.failureStreak().onFailure();
        adaptive.chooseAtFirstFailure(target, call, f.failure);
        if (call.reportedFailures < 0) {
            call.reportedFailures = target.failureEvents(f.failure.getClass().getName(), false).occurred();
        }
        if (call.reportedFailures > 0) {
            Event detected = events.failure(EventType.ERROR_DETECTED, f).attempt(call.attempt);
            if (call.attempt == 1 && call.reportedFailures > 1) {
                detected.with("count", call.reportedFailures);
            }
            events.publish(AdaptiveHealing.describe(detected, call));
        }
        return CONTINUE;
    }
}
