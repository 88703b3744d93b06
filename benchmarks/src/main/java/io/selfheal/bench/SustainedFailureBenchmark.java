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
    private CircuitFixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new CircuitFixture(new SustainedFailureService(), "sustained-failure", false, Duration.ofSeconds(1)).driveOpen();
    }

    @Benchmark
    public int wovenSustainedFailure() {
        return fixture.callWoven();
    }

    @Benchmark
    public int resilience4jSustainedFailure() {
        return fixture.resilience4j.call();
    }

    @Benchmark
    public int failsafeSustainedFailure() {
        return fixture.failsafe.call();
    }
}
