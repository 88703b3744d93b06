package io.selfheal.bench;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Fallback;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The same policies as the benchmark config's targets, built with Resilience4j 2.x and Failsafe
 * 3.x the way their documentation shows: a retry of 3 attempts around a count-based circuit
 * breaker, and a fallback value of -1. The decorated suppliers are built once, so a measured call
 * pays for the library's work and not for building a lambda.
 */
final class Competitors {
    static final int FALLBACK = -1;

    private Competitors() {
    }

    /** Resilience4j: Retry(CircuitBreaker(call)), a rejected or failed call answered by the fallback. */
    static final class Resilience4j {
        private final Supplier<Integer> decorated;
        final CircuitBreaker circuitBreaker;

        Resilience4j(String name, Supplier<Integer> call, boolean withRetry, Duration openFor) {
            circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(10)
                    .minimumNumberOfCalls(5)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(openFor)
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build());
            Supplier<Integer> guarded = CircuitBreaker.decorateSupplier(circuitBreaker, call);
            if (withRetry) {
                Retry retry = Retry.of(name, RetryConfig.custom()
                        .maxAttempts(3)
                        .waitDuration(Duration.ofMillis(1))
                        .ignoreExceptions(CallNotPermittedException.class)   // never retry through an open circuit
                        .build());
                guarded = Retry.decorateSupplier(retry, guarded);
            }
            this.decorated = guarded;
        }

        int call() {
            try {
                return decorated.get();
            } catch (RuntimeException e) {
                return FALLBACK;
            }
        }
    }

    /** Failsafe: Fallback(Retry(CircuitBreaker(call))). */
    static final class FailsafeCall {
        private final FailsafeExecutor<Integer> executor;
        private final CheckedSupplier<Integer> call;
        final dev.failsafe.CircuitBreaker<Integer> circuitBreaker;

        FailsafeCall(CheckedSupplier<Integer> call, boolean withRetry, Duration openFor) {
            this.call = call;
            circuitBreaker = dev.failsafe.CircuitBreaker.<Integer>builder()
                    .withFailureThreshold(5, 10)
                    .withDelay(openFor)
                    .withSuccessThreshold(1)
                    .build();
            Fallback<Integer> fallback = Fallback.of(FALLBACK);
            if (withRetry) {
                RetryPolicy<Integer> retry = RetryPolicy.<Integer>builder()
                        .withMaxAttempts(3)
                        .withDelay(Duration.ofMillis(1))
                        .abortOn(dev.failsafe.CircuitBreakerOpenException.class)   // never retry through an open circuit
                        .build();
                executor = Failsafe.with(fallback, retry, circuitBreaker);
            } else {
                executor = Failsafe.with(fallback, circuitBreaker);
            }
        }

        int call() {
            return executor.get(call);
        }
    }
}
