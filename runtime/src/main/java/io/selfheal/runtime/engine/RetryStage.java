package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;

/**
 * {@code retry:}: while attempts remain and the failure is retryable, sleeps the backoff and has
 * the body run again in the same frame, with the same arguments. Never through a circuit the
 * failure (or the backoff) left open, nor into an isolated target; an interrupted backoff keeps
 * the interrupt flag and does not retry.
 */
final class RetryStage implements Stage {
    private final EngineContext context;

    RetryStage(EngineContext context) {
        this.context = context;
    }

    @Override
    public Object failed(Failure f) {
        TargetRuntime target = f.target;
        CallState call = f.call;
        RetryPolicy retry = AdaptiveHealing.retryFor(target, call);
        if (retry == null || !retry.hasAttemptsLeft(call.attempt)
                || !context.selector().applies(Strategy.RETRY, retry.filter(), f.failure)) {
            return CONTINUE;
        }
        HealingEvents events = context.events();
        if (halted(target)) {
            events.publish(skipped(f, "not retrying: " + haltReason(target)));
            return CONTINUE;
        }
        long delay = retry.delayMillis(call.attempt);
        events.publish(events.failure(EventType.RETRY, f).strategy(Strategy.RETRY.wireName())
                .attempt(call.attempt + 1).with("delayMs", delay).with("maxAttempts", retry.maxAttempts()));
        if (f.asynchronous) {
            call.asyncDelayMillis = delay;   // a returned stage's failure: the scheduler waits, no thread does
        } else if (!context.clock().sleep(delay)) {
            events.publish(skipped(f, "backoff interrupted; not retrying (interrupt flag kept)"));
            return CONTINUE;
        }
        if (!f.asynchronous && halted(target)) {
            events.publish(skipped(f, "not retrying: " + haltReason(target) + " during the backoff"));
            return CONTINUE;
        }
        call.attempt++;
        if (!f.asynchronous) {
            target.stats().retries.increment();   // a returned stage's retry counts when it runs (AsyncCalls)
        }
        call.ticket = context.runs().start(target, f.ticket != null && f.ticket.permit, false, !f.site.async());
        f.permitPassedOn = true;
        return call;
    }

    private Event skipped(Failure f, String why) {
        return context.events().failure(EventType.RETRY, f).strategy(Strategy.RETRY.wireName())
                .attempt(f.call.attempt).with("outcome", "skipped").message(why);
    }

    /**
     * After a returned stage's backoff ({@link AsyncCalls}): when the circuit opened or the target
     * was isolated meanwhile, the retry is skipped (said by an event, as for a synchronous backoff).
     *
     * @return true when the run again may go ahead
     */
    boolean stillRetrying(Failure f) {
        if (!halted(f.target)) {
            return true;
        }
        context.events().publish(skipped(f, "not retrying: " + haltReason(f.target) + " during the backoff"));
        return false;
    }

    /** The circuit is not closed, or the target is isolated: a run would not be let through. */
    static boolean halted(TargetRuntime t) {
        CircuitBreaker breaker = t.breaker();
        return breaker != null && !breaker.isClosed() || t.isolation().maybeIsolated();
    }

    static String haltReason(TargetRuntime t) {
        return t.isolation().maybeIsolated() ? "the target is isolated" : "the circuit is open";
    }
}
