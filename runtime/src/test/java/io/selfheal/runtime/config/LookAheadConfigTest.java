package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.rules.Condition;
import io.selfheal.runtime.rules.Metric;
import io.selfheal.runtime.rules.PolicyAction;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Config of issue 7: policies, prediction, adaptive strategy, state-dir, levels. */
class LookAheadConfigTest {

    private static final String ISSUE_SHAPE = """
            targets:
              - name: inventory
                class: com.acme.InventoryClient
                latency: true          # latency-p99 is measured only where latency is
              - name: payments
                class: com.acme.PaymentClient
            policies:
              interval: 1s
              max-actions-per-minute: 60
              rules:
                - name: High error rate
                  targets: [ "inventory", "pay*" ]
                  when: [ "error-rate > 0.15", "calls-per-second > 100" ]   # all must hold
                  then: [ open-circuit, alert ]
                  priority: 9            # 1-10, higher first when several match
                  cooldown: 5m
                - name: Patch it
                  when: "latency-p99 >= 1.5s"
                  then: [ "apply-patch fix-12", "invoke com.acme.Ops#restart" ]
            """;

    static String problemsOf(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "t.yaml"));
        return e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void aRuleOnLatencyMustNameATargetThatMeasuresIt() {
        String problems = problemsOf("""
                targets:
                  - { name: inventory, class: com.acme.A }
                policies:
                  rules:
                    - name: slow
                      targets: [ "inv*" ]
                      when: [ "latency-p99 > 250ms" ]
                      then: [ alert ]
                """);
        assertTrue(problems.contains("policies.rules[0].when: latency-p99 is measured only on targets with"
                + " 'latency: true'"), problems);
    }

    @Test
    void theIssuesPolicyBlockLoads() throws ConfigException {
        PoliciesConfig p = ConfigLoader.parse(ISSUE_SHAPE, "t.yaml").policies();
        assertEquals(Duration.ofSeconds(1), p.interval());
        assertEquals(60, p.maxActionsPerMinute());
        PolicyRule high = p.rules().get(0);
        assertEquals("High error rate", high.name());
        assertEquals(9, high.priority());
        assertEquals(Duration.ofMinutes(5), high.cooldown());
        assertEquals(new Condition(Metric.ERROR_RATE, Condition.Operator.GT, 0.15, "error-rate > 0.15"),
                high.when().get(0));
        assertEquals(Metric.CALLS_PER_SECOND, high.when().get(1).metric());
        assertEquals(List.of(new PolicyAction(PolicyAction.Kind.OPEN_CIRCUIT, null),
                new PolicyAction(PolicyAction.Kind.ALERT, null)), high.then());
        assertTrue(high.appliesTo("inventory") && high.appliesTo("payments") && !high.appliesTo("shipping"));

        PolicyRule patch = p.rules().get(1);
        assertEquals(PolicyRule.DEFAULT_PRIORITY, patch.priority());
        assertEquals(PolicyRule.DEFAULT_COOLDOWN, patch.cooldown());
        assertTrue(patch.appliesTo("anything"), "no targets: every target");
        assertEquals(1500.0, patch.when().get(0).threshold(), "durations compare in milliseconds");
        assertEquals(new PolicyAction(PolicyAction.Kind.APPLY_PATCH, "fix-12"), patch.then().get(0));
        assertEquals(new PolicyAction(PolicyAction.Kind.INVOKE, "com.acme.Ops#restart"), patch.then().get(1));
    }

    @Test
    void aBadExpressionIsAConfigErrorAtItsLineAndColumn() {
        String report = problemsOf("""
                targets: [ { class: com.acme.A } ]
                policies:
                  rules:
                    - name: r
                      when: [ "error-rate > 0.15", "eror-rate > 0.1", "health <", "error-rate > 15kg" ]
                      then: [ alert, explode, "apply-patch", "invoke NoHash" ]
                      priority: 11
                """);
        assertTrue(report.contains("t.yaml:5:36: policies.rules[0].when: unknown metric 'eror-rate'"), report);
        assertTrue(report.contains("t.yaml:5:55: policies.rules[0].when: expected a number after '<'"), report);
        assertTrue(report.contains("t.yaml:5:67: policies.rules[0].when: expected a number after '>' in 'error-rate > 15kg'"),
                report);
        assertTrue(report.contains("t.yaml:6:22: policies.rules[0].then: unknown action 'explode'"), report);
        assertTrue(report.contains("'apply-patch' needs one argument"), report);
        assertTrue(report.contains("'NoHash' is not Class#staticMethod"), report);
        assertTrue(report.contains("priority: must be between 1 and 10"), report);
    }

    @Test
    void percentagesFitRatiosOnly() throws Exception {
        assertEquals(0.15, io.selfheal.runtime.rules.ConditionParser.parse("error-rate>15%").threshold(), 1e-12);
        String report = problemsOf("""
                targets: [ { class: com.acme.A } ]
                policies: { rules: [ { name: r, when: "calls-per-second > 5%", then: alert } ] }
                """);
        assertTrue(report.contains("'%' does not fit calls-per-second"), report);
    }

    @Test
    void aRuleNeedsANameConditionsAndActions() {
        String report = problemsOf("""
                targets: [ { class: com.acme.A } ]
                policies:
                  rules:
                    - targets: [ a ]
                      colldown: 5m
                """);
        assertTrue(report.contains("policies.rules[0].name: is required"), report);
        assertTrue(report.contains("policies.rules[0].when: is required"), report);
        assertTrue(report.contains("policies.rules[0].then: is required"), report);
        assertTrue(report.contains("unknown rule key 'colldown'; did you mean 'cooldown'?"), report);
    }

    @Test
    void predictionAndAdaptiveStrategyAndStateDirLoad() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                state-dir: /var/lib/app/selfheal
                targets:
                  - class: com.acme.A
                    prediction: { warn-at: 0.4, preempt-at: 0.8, action: isolate, failure-rate: 0.05, window: 20 }
                    strategy: adaptive
                    candidates: [ retry, fallback ]
                    exploration: 0.2
                    remember: true
                  - class: com.acme.B
                """, "t.yaml");
        TargetConfig a = c.targets().get(0);
        assertTrue(a.predicts());
        assertEquals(0.4, a.prediction().warnAt());
        assertEquals(PredictionConfig.PreemptAction.ISOLATE, a.prediction().action());
        assertEquals(0.05, a.prediction().model().failureRate());
        assertEquals(20, a.prediction().model().window());
        assertEquals(List.of("retry", "fallback"), a.adaptive().candidates());
        assertEquals(0.2, a.adaptive().exploration());
        assertTrue(a.remember());
        TargetConfig b = c.targets().get(1);
        assertFalse(b.predicts());
        assertNull(b.adaptive());
        assertEquals("/var/lib/app/selfheal", c.stateDir());
        assertTrue(c.looksAhead() && c.remembers());
    }

    @Test
    void withoutTheNewKeysNothingLooksAheadOrIsRemembered() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("targets: [ { class: com.acme.A, retry: {} } ]", "t.yaml");
        assertFalse(c.looksAhead());
        assertFalse(c.remembers());
        assertEquals(".selfheal/", c.stateDirOrDefault());
    }

    @Test
    void adaptiveStrategyProblemsAreReported() {
        String report = problemsOf("""
                targets:
                  - class: com.acme.A
                    strategy: adaptive
                    candidates: [ retry, pray ]
                  - class: com.acme.B
                    candidates: [ retry, fallback ]
                  - class: com.acme.C
                    strategy: clever
                  - class: com.acme.D
                    prediction: { warn-at: 0.8, preempt-at: 0.6, action: panic }
                """);
        assertTrue(report.contains("targets[0].candidates: unknown strategy 'pray'"), report);
        assertTrue(report.contains("targets[1].candidates: only applies with strategy: adaptive"), report);
        assertTrue(report.contains("targets[2].strategy: must be 'fixed' or 'adaptive', found 'clever'"), report);
        assertTrue(report.contains("targets[3].prediction.preempt-at: must not be below warn-at"), report);
        assertTrue(report.contains("targets[3].prediction.action: must be open-circuit, isolate, fallback or none"),
                report);
    }

    @Test
    void levelsArePresetsUnderTheTargetsExplicitKeys() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                defaults:
                  retry: { max-attempts: 4 }
                targets:
                  - { name: b, class: com.acme.A, level: basic }
                  - { name: a, class: com.acme.A, level: advanced, candidates: [ fallback, retry ] }
                  - { name: f, class: com.acme.A, level: full, prediction: { enabled: false }, retry: { max-attempts: 2 } }
                  - { name: none, class: com.acme.A }
                """, "t.yaml");
        TargetConfig basic = c.target("b");
        assertEquals(Level.BASIC, basic.level());
        assertEquals(4, basic.retry().maxAttempts(), "defaults are explicit keys too: they beat the preset");
        assertFalse(basic.predicts());
        assertNull(basic.adaptive());
        assertEquals(CircuitBreakerConfig.DEFAULT_FAILURE_THRESHOLD, basic.circuitBreaker().failureThreshold(),
                "basic is retry and a circuit breaker, each with its defaults");

        TargetConfig advanced = c.target("a");
        assertTrue(advanced.predicts());
        assertEquals(List.of("fallback", "retry"), advanced.adaptive().candidates(), "explicit candidates win");
        assertFalse(advanced.remember());

        TargetConfig full = c.target("f");
        assertTrue(full.remember());
        assertFalse(full.predicts(), "prediction switched off explicitly");
        assertEquals(2, full.retry().maxAttempts());
        assertEquals(List.of("retry", "fallback"), full.adaptive().candidates());
        assertTrue(c.remembers());

        TargetConfig none = c.target("none");
        assertNull(none.level());
        assertFalse(none.predicts() || none.remember() || none.adaptive() != null, "no level, no preset");
    }

    @Test
    void levelFullAddsItsOwnLowestPriorityRuleUnlessOneOfTheSameNameIsWritten() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                targets:
                  - { name: f, class: com.acme.A, level: full }
                  - { name: g, class: com.acme.B, level: full }
                  - { name: a, class: com.acme.C, level: advanced }
                policies:
                  interval: 2s
                  rules:
                    - name: "level full: g"
                      when: [ "error-rate > 0.9" ]
                      then: [ alert ]
                """, "t.yaml");
        PoliciesConfig p = c.policies();
        assertEquals(Duration.ofSeconds(2), p.interval(), "the user's interval is kept");
        assertEquals(List.of("level full: g", "level full: f"), p.rules().stream().map(PolicyRule::name).toList(),
                "one preset rule for f; g's is the user's own; advanced gets none");
        PolicyRule preset = p.rules().get(1);
        assertEquals(List.of("f"), preset.targets());
        assertTrue(preset.appliesTo("f") && !preset.appliesTo("g"));
        assertEquals(List.of(PolicyAction.Kind.OPEN_CIRCUIT, PolicyAction.Kind.ALERT),
                preset.then().stream().map(PolicyAction::kind).toList());
        assertEquals(List.of(Metric.ERROR_RATE, Metric.CALLS_PER_SECOND),
                preset.when().stream().map(Condition::metric).toList());
        assertEquals(1, preset.priority(), "lowest priority: the user's rules are tried first");
        assertEquals(PolicyAction.Kind.ALERT, p.rules().get(0).then().get(0).kind(), "the user's rule is untouched");

        AgentConfig alone = ConfigLoader.parse("targets: [ { name: f, class: com.acme.A, level: full } ]", "t.yaml");
        assertEquals(PoliciesConfig.DEFAULT_INTERVAL, alone.policies().interval(), "no policies block: defaults");
        assertEquals(1, alone.policies().rules().size());
        assertTrue(alone.looksAhead(), "the preset rule needs the look-ahead thread");

        AgentConfig advancedOnly = ConfigLoader.parse("targets: [ { class: com.acme.A, level: advanced } ]", "t.yaml");
        assertNull(advancedOnly.policies(), "advanced adds no policies");
    }

    @Test
    void anUnknownLevelIsReportedWithItsPlace() {
        String report = problemsOf("""
                targets:
                  - class: com.acme.A
                    level: ultimate
                """);
        assertTrue(report.contains("t.yaml:3:12: targets[0].level: must be basic, advanced or full, found 'ultimate'"),
                report);
    }
}
