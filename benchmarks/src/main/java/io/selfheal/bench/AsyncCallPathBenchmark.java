package io.selfheal.bench;

import java.util.concurrent.TimeUnit;
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
 * Issue 17: the asynchronous success path (a method returning an already-completed future) woven
 * with retry + circuit breaker + fallback, unwoven, and through Resilience4j's
 * {@code decorateCompletionStage} and Failsafe's {@code getStageAsync} with the same policies;
 * and a call whose stage fails every other time, healed by a retry 1 ms later, end to end (retry +
 * fallback, no breaker: failing every other run would open one). Each variant joins
 * its stage, so each measures a whole call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class AsyncCallPathBenchmark {
    private final AsyncUnwovenService unwoven = new AsyncUnwovenService();
    private final AsyncWovenService woven = new AsyncWovenService();
    private final AsyncFlakyService flakyWoven = new AsyncFlakyService();
    private final AsyncFlakyService.Plain flakyPlain4j = new AsyncFlakyService.Plain();
    private final AsyncFlakyService.Plain flakyPlainFailsafe = new AsyncFlakyService.Plain();
    private AsyncCompetitors.Resilience4j resilience4j;
    private AsyncCompetitors.FailsafeCall failsafe;
    private AsyncCompetitors.Resilience4j resilience4jFlaky;
    private AsyncCompetitors.FailsafeCall failsafeFlaky;
    private int input = 41;

    @Setup(Level.Trial)
    public void setUp() {
        WeaveProbe.requireAgent();
        resilience4j = new AsyncCompetitors.Resilience4j("async", () -> unwoven.call(input), true);
        failsafe = new AsyncCompetitors.FailsafeCall(() -> unwoven.call(input), true);
        resilience4jFlaky = new AsyncCompetitors.Resilience4j("async-flaky", () -> flakyPlain4j.call(input), false);
        failsafeFlaky = new AsyncCompetitors.FailsafeCall(() -> flakyPlainFailsafe.call(input), false);
        if (woven.call(input).join() != 42 || resilience4j.call() != 42 || failsafe.call() != 42
                || flakyWoven.call(input).join() != 42 || resilience4jFlaky.call() != 42 || failsafeFlaky.call() != 42) {
            throw new IllegalStateException("a variant does not answer the plain call's value");
        }
    }

    @Benchmark
    public int unwoven() {
        return unwoven.call(input).join();
    }

    @Benchmark
    public int woven() {
        return woven.call(input).join();
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
    public int wovenFailThenSucceed() {
        return flakyWoven.call(input).join();
    }

    @Benchmark
    public int resilience4jFailThenSucceed() {
        return resilience4jFlaky.call();
    }

    @Benchmark
    public int failsafeFailThenSucceed() {
        return failsafeFlaky.call();
    }
}
