package io.selfheal.bench;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
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
 * A permitted call through a rate limiter: the agent's {@code rate-limit:} (woven), Resilience4j's
 * {@code RateLimiter} (a decorated supplier, built once) and a Bucket4j lock-free bucket
 * ({@code tryConsume(1)} before the call), each with so many permits a second (10^9) that every
 * call of one thread gets one. The unwoven call is the baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class RateLimitBenchmark {
    private static final int PERMITS = 1_000_000_000;

    private final UnwovenService unwoven = new UnwovenService();
    private final RateLimitedService woven = new RateLimitedService();
    private Supplier<Integer> resilience4j;
    private Bucket bucket;
    private IntSupplier bucket4j;
    /** Read per call from a field so the JIT cannot fold the call away. */
    private int input = 41;

    @Setup(Level.Trial)
    public void setUp() {
        WeaveProbe.requireAgent();
        RateLimiter limiter = RateLimiter.of("bench", RateLimiterConfig.custom()
                .limitForPeriod(PERMITS).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO)
                .build());
        resilience4j = RateLimiter.decorateSupplier(limiter, () -> unwoven.call(input));
        bucket = Bucket.builder().addLimit(Bandwidth.builder().capacity(PERMITS)
                .refillGreedy(PERMITS, Duration.ofSeconds(1)).build()).build();
        bucket4j = () -> bucket.tryConsume(1) ? unwoven.call(input) : -1;
        if (woven.call(input) != 42 || resilience4j.get() != 42 || bucket4j.getAsInt() != 42) {
            throw new IllegalStateException("a variant does not answer the plain call's value");
        }
    }

    @Benchmark
    public int unwoven() {
        return unwoven.call(input);
    }

    @Benchmark
    public int woven() {
        return woven.call(input);
    }

    @Benchmark
    public int resilience4j() {
        return resilience4j.get();
    }

    @Benchmark
    public int bucket4j() {
        return bucket4j.getAsInt();
    }
}
