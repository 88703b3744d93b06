package io.selfheal.runtime.policy;

import io.selfheal.runtime.rules.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.PoliciesConfig;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    static final class ManualClock implements Clock {
        long millis = 1_000_000;

        @Override
        public long nanoTime() {
            return millis * 1_000_000;
        }

        @Override
        public long currentTimeMillis() {
            return millis;
        }

        @Override
        public boolean sleep(long ms) {
            millis += ms;
            return true;
        }
    }

    /** Records every action; the ones named in {@code failing} throw. */
    static final class FakeActions implements PolicyActions {
        final List<String> done = new ArrayList<>();
        final Set<String> failing = new HashSet<>();

        private void act(String what) throws Exception {
            if (failing.contains(what.split(" ")[0])) {
                throw new IllegalStateException(what.split(" ")[0] + " is broken");
            }
            done.add(what);
        }

        @Override
        public void openCircuit(String target) throws Exception {
            act("open-circuit " + target);
        }

        @Override
        public void closeCircuit(String target) throws Exception {
            act("close-circuit " + target);
        }

        @Override
        public void isolate(String target) throws Exception {
            act("isolate " + target);
        }

        @Override
        public void release(String target) throws Exception {
            act("release " + target);
        }

        @Override
        public void restoreCheckpoint(String target) throws Exception {
            act("restore-checkpoint " + target);
        }

        @Override
        public void applyPatch(String target, String patchId) throws Exception {
            act("apply-patch " + target + " " + patchId);
        }

        @Override
        public void rollbackPatch(String target, String patchId) throws Exception {
            act("rollback-patch " + target + " " + patchId);
        }

        @Override
        public void invoke(String target, String className, String methodName) throws Exception {
            act("invoke " + target + " " + className + "#" + methodName);
        }

        @Override
        public void reclaim(String target, String reclaimer) throws Exception {
            act("reclaim " + target + " " + reclaimer);
        }
    }

    static final class Recorder implements EventSink {
        final List<Event> events = new ArrayList<>();

        @Override
        public void publish(Event event) {
            events.add(event);
        }

        @Override
        public void flush() {
        }

        List<Event> of(EventType type) {
            return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
        }
    }

    final ManualClock clock = new ManualClock();
    final FakeActions actions = new FakeActions();
    final Recorder events = new Recorder();
    final Map<String, Map<Metric, Double>> metrics = new HashMap<>();

    void set(String target, Metric metric, double value) {
        metrics.computeIfAbsent(target, t -> new EnumMap<>(Metric.class)).put(metric, value);
    }

    PolicyEvaluator evaluator(String policiesYaml, String... targets) throws Exception {
        AgentConfig c = ConfigLoader.parse("targets: [ { class: com.acme.A } ]\n" + policiesYaml, "t.yaml");
        PoliciesConfig p = c.policies();
        List<String> names = List.of(targets);
        return new PolicyEvaluator(p, () -> names,
                (t, m) -> metrics.getOrDefault(t, Map.of()).getOrDefault(m, Double.NaN), actions, events, clock);
    }

    @Test
    void aRuleFiresWhenAllItsConditionsHoldAndOnlyForTheTargetsItNames() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies:
                  rules:
                    - name: High error rate
                      targets: [ "inventory", "pay*" ]
                      when: [ "error-rate > 0.15", "calls-per-second > 100" ]
                      then: [ open-circuit, alert ]
                      priority: 9
                      cooldown: 5m
                """, "inventory", "payments", "shipping");
        for (String t : List.of("inventory", "payments", "shipping")) {
            set(t, Metric.ERROR_RATE, 0.2);
            set(t, Metric.CALLS_PER_SECOND, 150);
        }
        set("payments", Metric.CALLS_PER_SECOND, 50);   // one condition does not hold
        e.evaluate();
        assertEquals(List.of("open-circuit inventory"), actions.done);
        Event fired = events.of(EventType.POLICY_FIRED).get(0);
        assertEquals("inventory", fired.get("target"));
        assertEquals("High error rate", fired.get("rule"));
        assertEquals("ok", fired.get("outcome"));
        assertEquals(List.of("error-rate 0.2 > 0.15", "calls-per-second 150 > 100"), fired.get("conditions"));
        assertEquals(List.of("open-circuit", "alert"), fired.get("actions"));
        assertEquals(1, events.of(EventType.ALERT).size(), "the rule's own alert action");
    }

    @Test
    void aMemoryConditionAndTheReclaimActionAllOrOne() throws Exception {
        PolicyEvaluator e = evaluator("""
                memory: { reclaimers: [ { name: cache, clear: a.B#MAP } ] }
                policies:
                  rules:
                    - { name: full, when: [ "heap-after-gc > 0.9" ], then: [ reclaim cache, reclaim ] }
                """, "inventory");
        set("inventory", Metric.HEAP_AFTER_GC, 0.85);
        e.evaluate();
        assertTrue(actions.done.isEmpty());
        set("inventory", Metric.HEAP_AFTER_GC, 0.95);
        e.evaluate();
        assertEquals(List.of("reclaim inventory cache", "reclaim inventory null"), actions.done);
        assertEquals(List.of("heap-after-gc 0.95 > 0.9"), events.of(EventType.POLICY_FIRED).get(0).get("conditions"));
        assertEquals(List.of("reclaim cache", "reclaim"), events.of(EventType.POLICY_FIRED).get(0).get("actions"));
    }

    @Test
    void anUnknownMetricNeverHolds() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies: { rules: [ { name: r, when: "health < 0.5", then: isolate } ] }
                """, "inventory");
        e.evaluate();
        assertTrue(actions.done.isEmpty());
        assertTrue(events.events.isEmpty());
    }

    @Test
    void theHighestPriorityRuleFiresAndTheOthersAreSkippedAsSuperseded() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies:
                  rules:
                    - { name: low, when: "error-rate > 0.1", then: alert, priority: 2 }
                    - { name: high, when: "error-rate > 0.1", then: isolate, priority: 8 }
                    - { name: also-high, when: "error-rate > 0.1", then: open-circuit, priority: 8 }
                """, "inventory");
        set("inventory", Metric.ERROR_RATE, 0.5);
        e.evaluate();
        assertEquals(List.of("isolate inventory"), actions.done, "priority 8 first, file order breaks the tie");
        List<Event> skipped = events.of(EventType.POLICY_SKIPPED);
        assertEquals(List.of("also-high", "low"), skipped.stream().map(x -> x.get("rule")).collect(Collectors.toList()));
        assertTrue(skipped.stream().allMatch(x -> x.get("reason").equals("superseded")));
    }

    @Test
    void aCooldownHoldsTheRuleAndLowerRulesThenLetsItFireAgain() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies:
                  rules:
                    - { name: open, when: "error-rate > 0.1", then: open-circuit, priority: 9, cooldown: 5m }
                    - { name: low, when: "error-rate > 0.1", then: isolate, priority: 1, cooldown: 0ms }
                """, "inventory");
        set("inventory", Metric.ERROR_RATE, 0.5);
        e.evaluate();
        for (int i = 0; i < 10; i++) {
            clock.millis += 1_000;
            e.evaluate();
        }
        assertEquals(List.of("open-circuit inventory"), actions.done, "once per cooldown; lower rules wait");
        long cooldownSkips = events.of(EventType.POLICY_SKIPPED).stream()
                .filter(x -> x.get("rule").equals("open") && x.get("reason").equals("cooldown")).count();
        assertEquals(1, cooldownSkips, "a lasting skip is one event, not one per interval");
        clock.millis += 5 * 60_000;
        e.evaluate();
        assertEquals(List.of("open-circuit inventory", "open-circuit inventory"), actions.done);
    }

    @Test
    void aFailedActionEscalatesToTheNextMatchingRuleAndFinallyToAnAlert() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies:
                  rules:
                    - { name: patch, when: "consecutive-failures >= 5", then: [ "apply-patch fix-1", release ], priority: 9 }
                    - { name: isolate, when: "consecutive-failures >= 3", then: isolate, priority: 5 }
                    - { name: unrelated, when: "consecutive-failures >= 100", then: release, priority: 7 }
                """, "inventory");
        set("inventory", Metric.CONSECUTIVE_FAILURES, 6);
        actions.failing.add("apply-patch");
        e.evaluate();
        assertEquals(List.of("isolate inventory"), actions.done, "the failed rule's later actions do not run");
        List<Event> fired = events.of(EventType.POLICY_FIRED);
        assertEquals("failed", fired.get(0).get("outcome"));
        assertTrue(((String) fired.get(0).get("message")).contains("apply-patch fix-1 failed: apply-patch is broken"));
        assertEquals("ok", fired.get(1).get("outcome"));
        assertEquals(List.of("patch"), fired.get(1).get("escalatedFrom"));
        assertTrue(events.of(EventType.ALERT).isEmpty(), "the escalation healed it: no alert");

        actions.failing.add("isolate");
        clock.millis += 10 * 60_000;
        e.evaluate();
        Event alert = events.of(EventType.ALERT).get(0);
        assertEquals(List.of("patch", "isolate"), alert.get("rules"));
        assertEquals(List.of("patch: apply-patch fix-1 failed: apply-patch is broken",
                "isolate: isolate failed: isolate is broken"), alert.get("tried"));
    }

    @Test
    void theGlobalRateLimitSkipsRulesUntilTheMinuteHasPassed() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies:
                  max-actions-per-minute: 2
                  rules:
                    - { name: r, when: "error-rate > 0.1", then: [ "invoke com.acme.Ops#restart" ], cooldown: 0ms }
                """, "a", "b", "c");
        for (String t : List.of("a", "b", "c")) {
            set(t, Metric.ERROR_RATE, 0.5);
        }
        e.evaluate();
        assertEquals(List.of("invoke a com.acme.Ops#restart", "invoke b com.acme.Ops#restart"), actions.done);
        Event skipped = events.of(EventType.POLICY_SKIPPED).get(0);
        assertEquals("c", skipped.get("target"));
        assertEquals("rate-limit", skipped.get("reason"));
        clock.millis += 30_000;
        e.evaluate();
        assertEquals(2, actions.done.size(), "still the same minute");
        clock.millis += 30_000;
        e.evaluate();
        assertEquals(4, actions.done.size(), "a new minute, two more actions");
    }

    @Test
    void alertsAreNeverRateLimited() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies:
                  max-actions-per-minute: 1
                  rules:
                    - { name: r, when: "failure-probability >= 0.7", then: alert, cooldown: 0ms }
                """, "a", "b", "c");
        for (String t : List.of("a", "b", "c")) {
            set(t, Metric.FAILURE_PROBABILITY, 0.9);
        }
        e.evaluate();
        assertEquals(3, events.of(EventType.ALERT).size());
    }

    @Test
    void aRuleStopsBeingSkippedWhenItsConditionsStopHolding() throws Exception {
        PolicyEvaluator e = evaluator("""
                policies:
                  rules:
                    - { name: r, when: "error-rate > 0.1", then: isolate, cooldown: 1h }
                """, "a");
        set("a", Metric.ERROR_RATE, 0.5);
        e.evaluate();
        clock.millis += 1_000;
        e.evaluate();
        set("a", Metric.ERROR_RATE, 0.0);
        clock.millis += 1_000;
        e.evaluate();
        set("a", Metric.ERROR_RATE, 0.5);
        clock.millis += 1_000;
        e.evaluate();
        assertEquals(2, events.of(EventType.POLICY_SKIPPED).size(), "a new episode of the same skip is reported");
        assertEquals(1, actions.done.size());
    }
}
