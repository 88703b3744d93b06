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
 * A call whose circuit is open (for an hour, so it stays open while measured) and that has a
 * fallback value: the short-circuit path. The setup drives each variant's breaker open and checks
 * that the body no longer runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class OpenCircuitBenchmark {
    private final OpenCircuitService woven = new OpenCircuitService();
    private final FailingService resilience4jDependency = new FailingService.Unwoven();
    private final FailingService failsafeDependency = new FailingService.Unwoven();
    private Competitors.Resilience4j resilience4j;
    private Competitors.FailsafeCall failsafe;
    private int input = 41;

    @Setup(Level.Trial)
    public void setUp() {
        WeaveProbe.requireAgent();
        resilience4j = new Competitors.Resilience4j("open", () -> resilience4jDependency.call(input), true,
                Duration.ofHours(1));
        failsafe = new Competitors.FailsafeCall(() -> failsafeDependency.call(input), true, Duration.ofHours(1));
        CircuitCheck.driveOpen("woven (target open-circuit)", woven, () -> woven.call(input));
        CircuitCheck.driveOpen("resilience4j", resilience4jDependency, resilience4j::call);
        CircuitCheck.driveOpen("failsafe", failsafeDependency, failsafe::call);
    }

    @Benchmark
    public int wovenOpenCircuit() {
        return woven.call(input);
    }

    @Benchmark
    public int resilience4jOpenCircuit() {
        return resilience4j.call();
    }

    @Benchmark
    public int failsafeOpenCircuit() {
        return failsafe.call();
    }
}
