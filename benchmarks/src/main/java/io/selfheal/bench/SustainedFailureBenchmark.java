package io.selfheal.bench;

import java.time.Duration;
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
 * Calls per second through a dependency that fails every call, guarded by a circuit breaker that
 * opens after 5 failures of the last 10 calls, lets one probe through every second (the probe
 * fails, it opens again) and answers with a fallback value meanwhile. No retry: with every call
 * failing it would only multiply the failures of the probes alike for each variant.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class SustainedFailureBenchmark {
    private final SustainedFailureService woven = new SustainedFailureService();
    private final FailingService resilience4jDependency = new FailingService.Unwoven();
    private final FailingService failsafeDependency = new FailingService.Unwoven();
    private Competitors.Resilience4j resilience4j;
    private Competitors.FailsafeCall failsafe;
    private int input = 41;

    @Setup(Level.Trial)
    public void setUp() {
        WeaveProbe.requireAgent();
        resilience4j = new Competitors.Resilience4j("sustained", () -> resilience4jDependency.call(input), false,
                Duration.ofSeconds(1));
        failsafe = new Competitors.FailsafeCall(() -> failsafeDependency.call(input), false, Duration.ofSeconds(1));
        CircuitCheck.driveOpen("woven (target sustained-failure)", woven, () -> woven.call(input));
        CircuitCheck.driveOpen("resilience4j", resilience4jDependency, resilience4j::call);
        CircuitCheck.driveOpen("failsafe", failsafeDependency, failsafe::call);
    }

    @Benchmark
    public int wovenSustainedFailure() {
        return woven.call(input);
    }

    @Benchmark
    public int resilience4jSustainedFailure() {
        return resilience4j.call();
    }

    @Benchmark
    public int failsafeSustainedFailure() {
        return failsafe.call();
    }
}
