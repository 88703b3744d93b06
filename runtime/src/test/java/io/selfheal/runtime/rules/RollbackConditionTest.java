package io.selfheal.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The probation's rollback-if: the policy conditions, plus before. */
class RollbackConditionTest {

    private static ToDoubleFunction<Metric> values(Map<Metric, Double> m) {
        return metric -> m.getOrDefault(metric, Double.NaN);
    }

    @Test
    void comparesWithBeforeScaledOrShiftedAndJoinsWithOrAndAnd() throws Exception {
        RollbackCondition c = RollbackCondition.parse("error-rate > before * 1.5 or latency-p99 > before * 2");
        var before = values(Map.of(Metric.ERROR_RATE, 0.1, Metric.LATENCY_P99, 20.0));
        assertFalse(c.holds(values(Map.of(Metric.ERROR_RATE, 0.15, Metric.LATENCY_P99, 40.0)), before));
        assertTrue(c.holds(values(Map.of(Metric.ERROR_RATE, 0.16, Metric.LATENCY_P99, 10.0)), before));
        assertTrue(c.holds(values(Map.of(Metric.ERROR_RATE, 0.0, Metric.LATENCY_P99, 41.0)), before));
        // an unknown value (no latency measured) never makes a clause hold
        assertFalse(c.holds(values(Map.of(Metric.ERROR_RATE, 0.1)), before));

        RollbackCondition shifted = RollbackCondition.parse("latency-p99 > before + 50ms and error-rate >= 5%");
        assertEquals(50.0, shifted.anyOf().get(0).get(0).threshold(0), 1e-9);
        assertTrue(shifted.holds(values(Map.of(Metric.LATENCY_P99, 71.0, Metric.ERROR_RATE, 0.05)),
                values(Map.of(Metric.LATENCY_P99, 20.0))));
        assertFalse(shifted.holds(values(Map.of(Metric.LATENCY_P99, 71.0, Metric.ERROR_RATE, 0.04)),
                values(Map.of(Metric.LATENCY_P99, 20.0))));

        // and binds tighter than or
        RollbackCondition mixed = RollbackCondition.parse("error-rate > 0.5 or error-rate > before and calls-per-second > 10");
        assertEquals(2, mixed.anyOf().size());
        assertTrue(mixed.holds(values(Map.of(Metric.ERROR_RATE, 0.6, Metric.CALLS_PER_SECOND, 1.0)),
                values(Map.of(Metric.ERROR_RATE, 0.9))));
    }

    @Test
    void aBadConditionIsNamedWithWhereItIs() {
        var unknown = assertThrows(ConditionParser.BadExpression.class,
                () -> RollbackCondition.parse("error-rate > before * 1.5 or latency > before"));
        assertTrue(unknown.getMessage().startsWith("unknown metric 'latency'"), unknown.getMessage());
        assertEquals(29, unknown.offset());
        var unit = assertThrows(ConditionParser.BadExpression.class,
                () -> RollbackCondition.parse("error-rate > before * 2%"));
        assertTrue(unit.getMessage().contains("a factor of before takes no unit"), unit.getMessage());
        var missing = assertThrows(ConditionParser.BadExpression.class, () -> RollbackCondition.parse("error-rate >"));
        assertTrue(missing.getMessage().contains("expected a number after '>'"), missing.getMessage());
    }
}
