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
    private CircuitFixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new CircuitFixture(new OpenCircuitService(), "open-circuit", true, Duration.ofHours(1)).driveOpen();
    }

    @Benchmark
    public int wovenOpenCircuit() {
        return fixture.callWoven();
    }

    @Benchmark
    public int resilience4jOpenCircuit() {
        return fixture.resilience4j.call();
    }

    @Benchmark
    public int failsafeOpenCircuit() {
        return fixture.failsafe.call();
    }
}
