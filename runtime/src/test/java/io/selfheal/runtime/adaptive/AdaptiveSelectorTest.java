package io.selfheal.runtime.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AdaptiveSelectorTest {

    /** A scripted failure mode: how likely each strategy heals an exception type, and how fast. */
    record Mode(String exceptionType, Map<String, Double> healChance, Map<String, Long> healMillis) {
    }

    /** Runs {@code rounds} failures of the mode and returns the share of the last 200 choices that went to {@code expected}. */
    static double shareOfLast200(AdaptiveSelector selector, Mode mode, int rounds, String expected, long seed) {
        Random world = new Random(seed);
        int hits = 0;
        for (int i = 0; i < rounds; i++) {
            AdaptiveSelector.Choice c = selector.choose(mode.exceptionType());
            boolean healed = world.nextDouble() < mode.healChance().get(c.candidate());
            selector.record(mode.exceptionType(), c.candidate(), healed, mode.healMillis().get(c.candidate()));
            if (i >= rounds - 200 && c.candidate().equals(expected)) {
                hits++;
            }
        }
        return hits / 200.0;
    }

    @Test
    void convergesOnFallbackWhenTheServiceIsDownAndRetryNeverHeals() {
        AdaptiveSelector s = new AdaptiveSelector(List.of("retry", "fallback"), 0.1, new Random(7));
        Mode outage = new Mode("java.net.ConnectException", Map.of("retry", 0.0, "fallback", 1.0),
                Map.of("retry", 300L, "fallback", 1L));
        double share = shareOfLast200(s, outage, 500, "fallback", 1);
        assertTrue(share >= 0.85, "fallback chosen " + share + " of the time");
        AdaptiveSelector.Choice c = s.choose("java.net.ConnectException");
        if (!c.exploring()) {
            assertTrue(c.reason().startsWith("best against java.net.ConnectException: fallback healed"), c.reason());
            assertTrue(c.reason().contains("next retry healed 0/"), c.reason());
        }
    }

    @Test
    void convergesOnRetryForATransientGlitchWhileStillExploring() {
        AdaptiveSelector s = new AdaptiveSelector(List.of("fallback", "retry", "isolate"), 0.1, new Random(11));
        Mode glitch = new Mode("java.io.IOException", Map.of("retry", 0.95, "fallback", 0.6, "isolate", 0.1),
                Map.of("retry", 40L, "fallback", 1L, "isolate", 1L));
        double share = shareOfLast200(s, glitch, 1000, "retry", 2);
        assertTrue(share >= 0.85 && share < 1.0, "retry chosen " + share + " of the time, the rest exploring");
    }

    @Test
    void equalSuccessRatesAreDecidedByTimeToHeal() {
        AdaptiveSelector s = new AdaptiveSelector(List.of("retry", "circuit-breaker"), 0.0, new Random(3));
        Mode both = new Mode("java.util.concurrent.TimeoutException", Map.of("retry", 1.0, "circuit-breaker", 1.0),
                Map.of("retry", 250L, "circuit-breaker", 2L));
        assertEquals(1.0, shareOfLast200(s, both, 300, "circuit-breaker", 3));
    }

    @Test
    void eachExceptionTypeLearnsOnItsOwn() {
        AdaptiveSelector s = new AdaptiveSelector(List.of("retry", "fallback"), 0.0, new Random(5));
        s.record("A", "retry", true, 5);
        s.record("A", "fallback", false, 0);
        s.record("B", "retry", false, 0);
        s.record("B", "fallback", true, 1);
        assertEquals("retry", s.choose("A").candidate());
        assertEquals("fallback", s.choose("B").candidate());
        AdaptiveSelector.Choice fresh = s.choose("C");
        assertEquals("retry", fresh.candidate());
        assertTrue(fresh.reason().startsWith("untried against C"), fresh.reason());
    }

    @Test
    void explorationIsDrivenByTheInjectedRandomAndSaysSo() {
        RandomGenerator alwaysExplore = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return 0.0;
            }
        };
        AdaptiveSelector s = new AdaptiveSelector(List.of("retry", "fallback"), 0.1, alwaysExplore);
        s.record("A", "retry", true, 5);
        s.record("A", "fallback", false, 0);
        AdaptiveSelector.Choice c = s.choose("A");
        assertEquals("fallback", c.candidate());
        assertTrue(c.exploring());
        assertTrue(c.reason().startsWith("exploring (10% of choices) against A: fallback healed 0/1 (0%); best is retry"),
                c.reason());
    }

    @Test
    void whatWasLearnedSurvivesASnapshotAndRestore() {
        AdaptiveSelector first = new AdaptiveSelector(List.of("retry", "fallback"), 0.0, new Random(1));
        first.record("A", "retry", false, 0);
        first.record("A", "fallback", true, 3);
        Map<String, Map<String, StrategyStats>> saved = first.snapshot();
        AdaptiveSelector second = new AdaptiveSelector(List.of("retry", "fallback"), 0.0, new Random(1));
        second.restore(saved);
        AdaptiveSelector.Choice c = second.choose("A");
        assertEquals("fallback", c.candidate());
        assertFalse(c.reason().startsWith("untried"));
        assertEquals(new StrategyStats(1, 1, 3), second.snapshot().get("A").get("fallback"));
    }
}
