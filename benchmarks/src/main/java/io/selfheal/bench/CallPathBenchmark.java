package io.selfheal.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The success path of one trivial call: unwoven, woven by the agent (retry + circuit breaker +
 * fallback), and through Resilience4j and Failsafe with the same policies; then the unwoven and
 * woven calls from 2 threads on the same target. Every fork runs with the agent (BenchmarkMain
 * adds it); the unwoven and competitor classes are not named by its config.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class CallPathBenchmark {
    private final UnwovenService unwoven = new UnwovenService();
    private final WovenService woven = new WovenService();
    private final UnguardedWovenService wovenUnguarded = new UnguardedWovenService();
    private Competitors.Resilience4j resilience4j;
    private Competitors.FailsafeCall failsafe;
    /** The call counter the engine used before (see unwovenPlusCounter). */
    private final LongAdder counter = new LongAdder();
    /** Read per call from a field so the JIT cannot fold the call away. */
    private int input = 41;

    @Setup(Level.Trial)
    public void setUp() {
        WeaveProbe.requireAgent();
        resilience4j = new Competitors.Resilience4j("bench", () -> unwoven.call(input), true, Duration.ofSeconds(30));
        failsafe = new Competitors.FailsafeCall(() -> unwoven.call(input), true, Duration.ofSeconds(30));
        if (woven.call(input) != 42 || wovenUnguarded.call(input) != 42 || resilience4j.call() != 42 || failsafe.call() != 42) {
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

    /** Retry + fallback, no circuit breaker: the unguarded enter path. */
    @Benchmark
    public int wovenUnguarded() {
        return wovenUnguarded.call(input);
    }

    /**
     * Not a variant: the unwoven call plus one {@link LongAdder} increment, which is what the
     * engine's success path did before its call counter became a per-thread cell (one atomic
     * instruction per call); kept as the reference for that choice.
     */
    @Benchmark
    public int unwovenPlusCounter() {
        counter.increment();
        return unwoven.call(input);
    }

    @Benchmark
    public int resilience4j() {
        return resilience4j.call();
    }

    @Benchmark
    public int failsafe() {
        return failsafe.call();
    }

    @Benchmark
    @Threads(2)
    public int unwovenTwoThreads() {
        return unwoven.call(input);
    }

    @Benchmark
    @Threads(2)
    public int wovenTwoThreads() {
        return woven.call(input);
    }

    @Benchmark
    @Threads(2)
    public int resilience4jTwoThreads() {
        return resilience4j.call();
    }
}
