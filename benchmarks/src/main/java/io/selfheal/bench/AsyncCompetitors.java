package io.selfheal.bench;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Fallback;
import dev.failsafe.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The async policies of the benchmark config with Resilience4j 2.x
 * ({@code Retry.decorateCompletionStage} around {@code CircuitBreaker.decorateCompletionStage},
 * the fallback by {@code exceptionally}) and Failsafe 3.x ({@code getStageAsync} through
 * Fallback, RetryPolicy, CircuitBreaker): 3 attempts 1 ms apart, a count breaker opening at 5
 * failures of 10, a fallback of -1. Decorated once; a measured call pays for the library's work.
 */
final class AsyncCompetitors {
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-retry-scheduler");
        t.setDaemon(true);
        return t;
    });

    private AsyncCompetitors() {
    }

    static final class Resilience4j {
        private final Supplier<CompletionStage<Integer>> decorated;

        /** @param withBreaker false for the failing-then-succeeding call, which would open a breaker at 50 % */
        Resilience4j(String name, Supplier<CompletionStage<Integer>> call, boolean withBreaker) {
            CircuitBreaker breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(10)
                    .minimumNumberOfCalls(5)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofSeconds(30))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build());
            Retry retry = Retry.of(name, RetryConfig.custom()
                    .maxAttempts(3)
                    .waitDuration(Duration.ofMillis(1))
                    .ignoreExceptions(CallNotPermittedException.class)
                    .build());
            decorated = Retry.decorateCompletionStage(retry, SCHEDULER,
                    withBreaker ? CircuitBreaker.decorateCompletionStage(breaker, call) : call);
        }

        int call() {
            return decorated.get().exceptionally(e -> Competitors.FALLBACK).toCompletableFuture().join();
        }
    }

    static final class FailsafeCall {
        private final FailsafeExecutor<Integer> executor;
        private final dev.failsafe.function.CheckedSupplier<CompletionStage<Integer>> call;

        FailsafeCall(dev.failsafe.function.CheckedSupplier<CompletionStage<Integer>> call, boolean withBreaker) {
            this.call = call;
            dev.failsafe.CircuitBreaker<Integer> breaker = dev.failsafe.CircuitBreaker.<Integer>builder()
                    .withFailureThreshold(5, 10)
                    .withDelay(Duration.ofSeconds(30))
                    .withSuccessThreshold(1)
                    .build();
            RetryPolicy<Integer> retry = RetryPolicy.<Integer>builder()
                    .withMaxAttempts(3)
                    .withDelay(Duration.ofMillis(1))
                    .abortOn(dev.failsafe.CircuitBreakerOpenException.class)
                    .build();
            executor = withBreaker ? Failsafe.with(Fallback.of(Competitors.FALLBACK), retry, breaker)
                    : Failsafe.with(Fallback.of(Competitors.FALLBACK), retry);
        }

        int call() {
            return executor.getStageAsync(call).join();
        }
    }
}
