package io.selfheal.runtime.policy;

import io.selfheal.runtime.rules.Condition;
import io.selfheal.runtime.rules.ConditionParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionParserTest {

    @Test
    void everyOperatorAndUnitParses() throws Exception {
        assertEquals(Condition.Operator.GE, ConditionParser.parse("consecutive-failures>=5").operator());
        assertEquals(Condition.Operator.LE, ConditionParser.parse("  health <= 0.5 ").operator());
        assertEquals(Condition.Operator.EQ, ConditionParser.parse("calls-per-second == 0").operator());
        assertEquals(Condition.Operator.NE, ConditionParser.parse("calls-per-second != 0").operator());
        assertEquals(Condition.Operator.LT, ConditionParser.parse("failure-probability < 70%").operator());
        assertEquals(0.7, ConditionParser.parse("failure-probability < 70%").threshold(), 1e-12);
        assertEquals(250.0, ConditionParser.parse("latency-p99 > 250ms").threshold());
        assertEquals(1500.0, ConditionParser.parse("latency-p99 > 1.5s").threshold());
        assertEquals(120000.0, ConditionParser.parse("latency-p99 > 2m").threshold());
        assertEquals(300.0, ConditionParser.parse("latency-p99 > 300").threshold(), "plain numbers are milliseconds");
    }

    @Test
    void aConditionHoldsOnlyForKnownValuesThatSatisfyIt() throws Exception {
        Condition c = ConditionParser.parse("error-rate > 0.15");
        assertTrue(c.holds(0.2));
        assertFalse(c.holds(0.15));
        assertFalse(c.holds(Double.NaN), "an unmeasured metric never satisfies a rule");
        assertEquals("error-rate 0.2 > 0.15", c.describe(0.2));
        assertEquals("error-rate unknown > 0.15", c.describe(Double.NaN));
    }

    @Test
    void badExpressionsSayWhatAndWhere() {
        ConditionParser.BadExpression e = assertThrows(ConditionParser.BadExpression.class,
                () -> ConditionParser.parse("error-rate >> 1"));
        assertEquals(12, e.offset(), e.getMessage());
        assertTrue(e.getMessage().startsWith("expected a number after '>'"), e.getMessage());
        e = assertThrows(ConditionParser.BadExpression.class, () -> ConditionParser.parse("error-rate 0.1"));
        assertEquals(11, e.offset());
        assertTrue(e.getMessage().startsWith("expected one of > >= < <= == != after 'error-rate'"), e.getMessage());
        e = assertThrows(ConditionParser.BadExpression.class, () -> ConditionParser.parse("> 0.1"));
        assertTrue(e.getMessage().startsWith("expected a metric"), e.getMessage());
        e = assertThrows(ConditionParser.BadExpression.class, () -> ConditionParser.parse("health < 5ms"));
        assertTrue(e.getMessage().startsWith("'ms' does not fit health"), e.getMessage());
        assertThrows(ConditionParser.BadExpression.class, () -> ConditionParser.parse("error-rate > 0.1 and more"));
    }
}
