package io.selfheal.bench;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.decorators.Decorators;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.selfheal.api.CheckedSupplier;
import io.selfheal.api.SelfHeal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Healing from code (issue 24): the success path of {@code SelfHeal.call} under target {@code code}
 * (retry + circuit breaker + fallback, the policies of {@code woven}), against the same call made
 * directly and through Resilience4j's own API for code,
 * {@code Decorators.ofSupplier(...).withRetry(...).withCircuitBreaker(...)}, built once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class CodeCallBenchmark {
    private final UnwovenService service = new UnwovenService();
    /** Read per call from a field so the JIT cannot fold the call away. */
    private int input = 41;
    /** The block built once, as a caller keeps a method reference or a non-capturing lambda. */
    private final CheckedSupplier<Integer, RuntimeException> block = () -> service.call(input);
    private Supplier<Integer> resilience4j;

    @Setup(Level.Trial)
    public void setUp() {
        WeaveProbe.requireAgent();
        if (!SelfHeal.isActive("code")) {
            throw new IllegalStateException("SelfHeal does not see target 'code': the API is not linked to the agent");
        }
        CircuitBreaker breaker = CircuitBreaker.of("code", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        Retry retry = Retry.of("code", RetryConfig.custom()
                .maxAttempts(3)
                .waitDuration(Duration.ofMillis(1))
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
        resilience4j = Decorators.ofSupplier(() -> service.call(input)).withRetry(retry).withCircuitBreaker(breaker)
                .decorate();
        if (codeSelfHeal() != 42 || codeSelfHealLambda() != 42 || codeResilience4j() != 42) {
            throw new IllegalStateException("a variant does not answer the plain call's value");
        }
    }

    @Benchmark
    public int codeDirect() {
        return service.call(input);
    }

    @Benchmark
    public int codeSelfHeal() {
        return SelfHeal.call("code", block);
    }

    /** A capturing lambda at each call, as most code writes it: the lambda is the only allocation, if any. */
    @Benchmark
    public int codeSelfHealLambda() {
        return SelfHeal.call("code", () -> service.call(input));
    }

    /** The fallback as Competitors answers it: a rejected or failed call gives -1. */
    @Benchmark
    public int codeResilience4j() {
        try {
            return resilience4j.get();
        } catch (RuntimeException e) {
            return Competitors.FALLBACK;
        }
    }
}
