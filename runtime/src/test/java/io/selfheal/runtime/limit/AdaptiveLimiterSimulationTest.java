package io.selfheal.runtime.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The algorithms against a simulated dependency (16 workers of 10 ms, a queue above), on the
 * simulation's own clock: where the limit settles, how it follows the dependency, and that it
 * holds still over a simulated hour.
 */
class AdaptiveLimiterSimulationTest {
    /** The dependency's best throughput: 16 workers / 10 ms. */
    private static final double CAPACITY_PER_SECOND = 1600;

    private static String describe(LimitSimulation sim) {
        return "mean limit " + String.format("%.1f", sim.meanLimit()) + " [" + sim.minLimitSeen + ", "
                + sim.maxLimitSeen + "], baseline " + String.format("%.2f", sim.limiter.baselineNanos() / 1e6)
                + " ms, completed " + sim.completed;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gradient", "vegas", "aimd"})
    void convergesNearTheKneeAndKeepsTheDependencyBusy(String algorithm) {
        LimitSimulation sim = new LimitSimulation(algorithm, 20, 1, 200, 64);
        sim.runSeconds(20);
        sim.resetStats();
        sim.runSeconds(20);
        String d = algorithm + ": " + describe(sim);
        double upper = algorithm.equals("aimd") ? 36 : 28;   // aimd saw-tooths up to where latency doubles
        assertTrue(sim.meanLimit() >= 15 && sim.meanLimit() <= upper, d);
        assertTrue(sim.succeeded / 20.0 >= 0.95 * CAPACITY_PER_SECOND, "goodput " + sim.succeeded / 20.0 + "; " + d);
        assertFalse(sim.admittedExceeded, "more calls in flight than the limit admitted");
    }

    @Test
    void startsFromFarBelowAndFarAboveTheKneeAndFindsIt() {
        for (int initial : new int[] {1, 150}) {
            LimitSimulation sim = new LimitSimulation("gradient", initial, 1, 200, 64);
            sim.runSeconds(30);
            sim.resetStats();
            sim.runSeconds(10);
            assertTrue(sim.meanLimit() >= 15 && sim.meanLimit() <= 28, "from " + initial + ": " + describe(sim));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gradient", "vegas", "aimd"})
    void backsOffWhenTheDependencyLosesCapacityAndRecoversWhenItHeals(String algorithm) {
        LimitSimulation sim = new LimitSimulation(algorithm, 20, 1, 200, 64);
        sim.runSeconds(30);
        sim.setWorkers(4);   // the dependency now slows past 4 calls in flight
        sim.runSeconds(10);
        sim.resetStats();
        sim.runSeconds(10);
        String slowed = algorithm + " slowed: " + describe(sim);
        double upper = algorithm.equals("gradient") ? 8 : 10;   // vegas keeps 3-6 calls queued by design
        assertTrue(sim.meanLimit() >= 3 && sim.meanLimit() <= upper, slowed);
        assertTrue(sim.succeeded / 10.0 >= 0.85 * 400, "goodput " + sim.succeeded / 10.0 + "; " + slowed);

        sim.setWorkers(16);
        sim.runSeconds(20);
        sim.resetStats();
        sim.runSeconds(10);
        String healed = algorithm + " healed: " + describe(sim);
        assertTrue(sim.meanLimit() >= 15, healed);
        assertTrue(sim.succeeded / 10.0 >= 0.95 * CAPACITY_PER_SECOND, "goodput " + sim.succeeded / 10.0 + "; " + healed);
    }

    @Test
    void aSlowerDependencyAtEveryLoadIsReMeasuredNotStarved() {
        LimitSimulation sim = new LimitSimulation("gradient", 20, 1, 200, 64);
        sim.runSeconds(30);
        sim.serviceMillis = 40;   // four times slower at any load: the old baseline is stale
        sim.runSeconds(10);
        sim.resetStats();
        sim.runSeconds(10);
        String d = describe(sim);
        assertTrue(sim.meanLimit() >= 15 && sim.meanLimit() <= 28, d);
        assertTrue(sim.succeeded / 10.0 >= 0.95 * 400, "goodput " + sim.succeeded / 10.0 + "; " + d);
        assertEquals(40, sim.limiter.baselineNanos() / 1e6, 4, d);
    }

    @Test
    void aDependencyThatHealsAtEveryLoadIsReMeasuredAndTheLimitComesBackToTheKnee() {
        LimitSimulation sim = new LimitSimulation("gradient", 20, 1, 200, 64);
        sim.serviceMillis = 40;
        sim.runSeconds(40);   // past the first probes: the baseline is 40 ms
        sim.serviceMillis = 10;
        sim.runSeconds(6);    // the baseline halves: an early probe, not a wait for the 30 s one
        sim.resetStats();
        sim.runSeconds(10);
        String d = describe(sim);
        assertTrue(sim.meanLimit() >= 15 && sim.meanLimit() <= 24, d);
        assertEquals(10, sim.limiter.baselineNanos() / 1e6, 1.5, d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gradient", "vegas", "aimd"})
    void doesNotDriftOverASimulatedHourOfSteadyLoad(String algorithm) {
        LimitSimulation sim = new LimitSimulation(algorithm, 20, 1, 200, 48);   // aimd's knee (latency x2) is 32
        sim.refusedPauseMillis = 10;
        sim.runSeconds(300);
        sim.resetStats();
        sim.runSeconds(300);
        double early = sim.meanLimit();
        sim.runSeconds(2700);
        sim.resetStats();
        sim.runSeconds(300);
        double late = sim.meanLimit();
        String d = algorithm + ": minutes 5-10 mean " + early + ", minutes 55-60 " + describe(sim);
        assertTrue(Math.abs(late - early) <= 0.1 * early, d);
        assertTrue(sim.maxLimitSeen <= (algorithm.equals("aimd") ? 44 : 32), d);   // aimd reacts only past twice the latency
        assertTrue(sim.succeeded / 300.0 >= 0.95 * CAPACITY_PER_SECOND, "goodput " + sim.succeeded / 300.0 + "; " + d);
    }

    @Test
    void staysWithinMinAndMax() {
        LimitSimulation capped = new LimitSimulation("gradient", 10, 8, 12, 64);
        capped.runSeconds(30);
        assertTrue(capped.minLimitSeen >= 8 && capped.maxLimitSeen <= 12, describe(capped));
        assertTrue(capped.maxInFlightSeen <= 12, "in flight " + capped.maxInFlightSeen);

        LimitSimulation floored = new LimitSimulation("aimd", 10, 6, 50, 64);
        floored.setWorkers(1);   // a dependency that wants 1: the limit stops at min
        floored.runSeconds(30);
        assertTrue(floored.minLimitSeen >= 6, describe(floored));
        assertTrue(floored.maxAdmittedSeen <= 50, "admitted " + floored.maxAdmittedSeen);
    }

    @Test
    void failuresAndTimeoutsAreCongestionSignals() {
        LimitSimulation failing = new LimitSimulation("gradient", 40, 1, 200, 64);
        failing.workers = 1000;     // latency never grows...
        failing.failAbove = 16;     // ...the dependency fails calls beyond 16 instead
        failing.runSeconds(20);
        failing.resetStats();
        failing.runSeconds(10);
        assertTrue(failing.meanLimit() <= 20, "failures: " + describe(failing));

        LimitSimulation timing = new LimitSimulation("gradient", 40, 1, 200, 64);
        timing.timeoutMillis = 15;  // over 24 in flight the queue makes calls overrun 15 ms
        timing.runSeconds(20);
        timing.resetStats();
        timing.runSeconds(10);
        assertTrue(timing.meanLimit() <= 24, "timeouts: " + describe(timing));
    }

    @Test
    void anIdleTargetsLimitDoesNotClimb() {
        LimitSimulation sim = new LimitSimulation("gradient", 20, 1, 200, 4);   // 4 callers: app-limited
        sim.runSeconds(120);
        assertTrue(sim.maxLimitSeen <= 20, describe(sim));
    }

    @Test
    void setLimitByHandIsClampedAndTheAlgorithmGoesOnFromIt() {
        LimitSimulation sim = new LimitSimulation("gradient", 20, 2, 100, 64);
        sim.runSeconds(10);
        sim.limiter.setLimit(500);
        assertEquals(100, sim.limiter.limit());
        sim.limiter.setLimit(0);
        assertEquals(2, sim.limiter.limit());
        sim.runSeconds(20);
        assertTrue(sim.limiter.limit() >= 15 && sim.limiter.limit() <= 28, describe(sim));
    }
}
