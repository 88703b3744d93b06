package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.selfheal.runtime.config.CircuitBreakerConfig;
import io.selfheal.runtime.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a clock that has alarms, an open circuit and a throttled report read no clock per call: the
 * alarm is what lets the next probe or report through, and an alarm of an earlier open period
 * does not.
 */
class AlarmGatedChecksTest {

    /** A manual clock whose alarms ring only when the test says so. */
    static final class AlarmClock implements Clock {
        final ManualClock time = new ManualClock();
        final List<Runnable> alarms = new ArrayList<>();

        @Override
        public long nanoTime() {
            return time.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return time.currentTimeMillis();
        }

        @Override
        public boolean sleep(long millis) {
            return time.sleep(millis);
        }

        @Override
        public boolean alarm(long delayNanos, Runnable task) {
            alarms.add(task);
            return true;
        }

        void ring(int index) {
            alarms.get(index).run();
        }
    }

    private static CircuitBreaker breaker(AlarmClock clock) throws Exception {
        CircuitBreakerConfig config = ConfigLoader.parse("targets:\n  - name: dep\n    class: a.B\n"
                + "    circuit-breaker: { failure-threshold: 1, window: 5, open-for: 10s, half-open-calls: 1 }\n",
                "test.yaml").targets().get(0).circuitBreaker();
        return new CircuitBreaker(config, new ThreadCellCounter(), clock, (from, to, reason, by, cause) -> { });
    }

    @Test
    void anOpenCircuitLetsAProbeThroughWhenItsAlarmRings() throws Exception {
        AlarmClock clock = new AlarmClock();
        CircuitBreaker breaker = breaker(clock);
        breaker.onFailure(false, new RuntimeException());
        assertEquals(CircuitState.OPEN, breaker.state());
        assertEquals(1, clock.alarms.size());
        assertEquals(CircuitBreaker.REJECT, breaker.admit());
        clock.time.advanceMillis(10_001);
        assertEquals(CircuitBreaker.REJECT, breaker.admit(), "no clock read until the alarm rings");
        clock.ring(0);
        assertEquals(CircuitBreaker.PROBE, breaker.admit());
    }

    @Test
    void anAlarmOfAnEarlierOpenPeriodChangesNothing() throws Exception {
        AlarmClock clock = new AlarmClock();
        CircuitBreaker breaker = breaker(clock);
        breaker.forceOpen(Initiator.OPERATOR);
        clock.time.advanceMillis(5_000);
        breaker.forceOpen(Initiator.OPERATOR);   // a new open period, with its own alarm
        clock.ring(0);
        clock.time.advanceMillis(5_001);   // past the first period's end, not the second's
        assertEquals(CircuitBreaker.REJECT, breaker.admit());
        clock.time.advanceMillis(5_000);
        assertEquals(CircuitBreaker.REJECT, breaker.admit(), "the second period's alarm has not rung");
        clock.ring(1);
        assertEquals(CircuitBreaker.PROBE, breaker.admit());
    }

    @Test
    void aThrottledReportWaitsForItsAlarmAndCountsEverythingSinceTheLast() {
        AlarmClock clock = new AlarmClock();
        EventThrottle throttle = new EventThrottle(clock);
        assertEquals(1, throttle.occurred());
        clock.time.advanceMillis(2_000);
        assertEquals(0, throttle.occurred());
        assertEquals(0, throttle.occurred());
        clock.ring(0);
        assertEquals(3, throttle.occurred());
        throttle.rearm();
        assertEquals(1, throttle.occurred(), "rearmed: reported at once, whatever the alarm");
    }
}
