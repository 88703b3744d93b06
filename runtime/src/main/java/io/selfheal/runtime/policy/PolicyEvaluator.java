package io.selfheal.runtime.policy;

import io.selfheal.runtime.rules.Condition;
import io.selfheal.runtime.rules.Metric;
import io.selfheal.runtime.rules.PolicyAction;
import io.selfheal.runtime.rules.TargetMetrics;

import io.selfheal.runtime.config.PoliciesConfig;
import io.selfheal.runtime.config.PolicyRule;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Evaluates the policy rules, one {@link #evaluate()} per interval, for every target.
 *
 * <p>For one target, the rules whose {@code targets} name it and whose {@code when} conditions all
 * hold are taken in priority order (higher first, then file order). The first one that is not
 * cooling down fires: its actions run in order. If one of them fails, the rule has failed and the
 * next matching rule fires in its place (escalation); when no rule is left, an {@code alert}
 * event lists everything tried. A rule's cooldown starts when it fires, failed or not; while a
 * rule that succeeded cools down, lower-priority rules for that target wait too. Actions
 * other than {@code alert} count against {@code max-actions-per-minute} across all rules and
 * targets; a rule that would exceed it is skipped as a whole. Alerts are events and are never
 * rate-limited, so a failure is never silent.
 *
 * <p>Every decision is an event: {@code policy-fired} (with the outcome), {@code policy-skipped}
 * (cooldown, rate limit, or a higher-priority rule fired; published when the reason first
 * applies, not again every interval while it lasts) and {@code alert}.
 *
 * <p>Called from one scheduler thread; not thread-safe.
 */
public final class PolicyEvaluator {
    private static final long MINUTE_MILLIS = 60_000;

    private final PoliciesConfig config;
    private final Supplier<? extends Collection<String>> targets;
    private final TargetMetrics metrics;
    private final PolicyActions actions;
    private final EventSink events;
    private final Clock clock;
    private final List<PolicyRule> rulesByPriority;
    /** When each (rule, target) last fired. */
    private final Map<String, Long> lastFired = new HashMap<>();
    /** Whether each (rule, target)'s last firing succeeded. */
    private final Map<String, Boolean> lastSucceeded = new HashMap<>();
    /** The skip reason last published for each (rule, target), so a lasting one is published once. */
    private final Map<String, String> lastSkip = new HashMap<>();
    /** When each rate-limited action of the last minute ran. */
    private final ArrayDeque<Long> recentActions = new ArrayDeque<>();

    public PolicyEvaluator(PoliciesConfig config, Supplier<? extends Collection<String>> targets,
            TargetMetrics metrics, PolicyActions actions, EventSink events, Clock clock) {
        this.config = config;
        this.targets = targets;
        this.metrics = metrics;
        this.actions = actions;
        this.events = events;
        this.clock = clock;
        List<PolicyRule> sorted = new ArrayList<>(config.rules());
        sorted.sort(Comparator.comparingInt(PolicyRule::priority).reversed().thenComparingInt(PolicyRule::index));
        this.rulesByPriority = List.copyOf(sorted);
    }

    /** One evaluation of every rule for every target. */
    public void evaluate() {
        long now = clock.currentTimeMillis();
        while (!recentActions.isEmpty() && recentActions.peekFirst() <= now - MINUTE_MILLIS) {
            recentActions.removeFirst();
        }
        for (String target : targets.get()) {
            evaluate(target, now);
        }
    }

    private void evaluate(String target, long now) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        List<PolicyRule> matching = new ArrayList<>();
        for (PolicyRule rule : rulesByPriority) {
            if (rule.appliesTo(target) && holds(rule, target, values)) {
                matching.add(rule);
            } else {
                lastSkip.remove(key(rule, target));
            }
        }
        List<String> tried = new ArrayList<>();
        List<String> failedRules = new ArrayList<>();
        PolicyRule fired = null;
        for (PolicyRule rule : matching) {
            if (fired != null) {
                skipped(rule, target, values, "superseded", "rule '" + fired.name() + "' (priority "
                        + fired.priority() + ") fired and is in charge until its cooldown ends", now);
                continue;
            }
            Long last = lastFired.get(key(rule, target));
            if (last != null && now - last < rule.cooldown().toMillis()) {
                skipped(rule, target, values, "cooldown", "cooling down for another "
                        + (rule.cooldown().toMillis() - (now - last)) + "ms", now);
                if (lastSucceeded.getOrDefault(key(rule, target), false)) {
                    fired = rule;   // it handled this target and is waiting for the effect: lower rules wait too
                }
                continue;
            }
            long needed = rule.then().stream().filter(a -> a.kind() != PolicyAction.Kind.ALERT).count();
            if (recentActions.size() + needed > config.maxActionsPerMinute()) {
                skipped(rule, target, values, "rate-limit", "max-actions-per-minute ("
                        + config.maxActionsPerMinute() + ") reached: " + recentActions.size()
                        + " actions in the last minute", now);
                continue;
            }
            lastSkip.remove(key(rule, target));
            lastFired.put(key(rule, target), now);
            boolean ok = fire(rule, target, values, tried, failedRules, now);
            lastSucceeded.put(key(rule, target), ok);
            if (ok) {
                fired = rule;
            } else {
                failedRules.add(rule.name());
            }
        }
        if (fired == null && !failedRules.isEmpty()) {
            publish(Event.of(EventType.ALERT, now).target(target).with("rules", failedRules).with("tried", tried)
                    .message("every matching policy rule failed for " + target + "; tried: "
                            + String.join("; ", tried)));
        }
    }

    /** Runs the rule's actions in order; false (after the event) when one of them fails. */
    private boolean fire(PolicyRule rule, String target, Map<Metric, Double> values, List<String> tried,
            List<String> failedRules, long now) {
        List<String> done = new ArrayList<>();
        String failure = null;
        for (PolicyAction action : rule.then()) {
            if (action.kind() == PolicyAction.Kind.ALERT) {
                publish(Event.of(EventType.ALERT, now).target(target).with("rule", rule.name())
                        .with("conditions", describe(rule, values)).with("tried", new ArrayList<>(tried))
                        .message("policy '" + rule.name() + "' raised an alert for " + target));
                done.add("alert");
                tried.add(rule.name() + ": alert");
                continue;
            }
            recentActions.addLast(now);
            try {
                run(action, target);
                done.add(action.toString());
                tried.add(rule.name() + ": " + action + " ok");
            } catch (Exception | LinkageError e) {
                failure = action + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
                tried.add(rule.name() + ": " + failure);
                break;
            }
        }
        publish(Event.of(EventType.POLICY_FIRED, now).target(target).with("rule", rule.name())
                .with("priority", rule.priority()).with("conditions", describe(rule, values))
                .with("actions", done).with("outcome", failure == null ? "ok" : "failed")
                .with("escalatedFrom", failedRules.isEmpty() ? null : new ArrayList<>(failedRules))
                .message(failure == null ? "policy '" + rule.name() + "' fired for " + target
                        : "policy '" + rule.name() + "' fired for " + target + " and failed: " + failure
                                + "; escalating"));
        return failure == null;
    }

    private void run(PolicyAction action, String target) throws Exception {
        switch (action.kind()) {
            case OPEN_CIRCUIT -> actions.openCircuit(target);
            case CLOSE_CIRCUIT -> actions.closeCircuit(target);
            case ISOLATE -> actions.isolate(target);
            case RELEASE -> actions.release(target);
            case RESTORE_CHECKPOINT -> actions.restoreCheckpoint(target);
            case APPLY_PATCH -> actions.applyPatch(target, action.argument());
            case ROLLBACK_PATCH -> actions.rollbackPatch(target, action.argument());
            case INVOKE -> {
                int hash = action.argument().indexOf('#');
                actions.invoke(target, action.argument().substring(0, hash), action.argument().substring(hash + 1));
            }
            case RECLAIM -> actions.reclaim(target, action.argument());
            case SET_LIMIT -> actions.setLimit(target, PolicyAction.limitArgument(action.argument()));
            case ALERT -> throw new IllegalStateException("alert is published by the evaluator");
        }
    }

    private void skipped(PolicyRule rule, String target, Map<Metric, Double> values, String reason, String detail,
            long now) {
        if (reason.equals(lastSkip.put(key(rule, target), reason))) {
            return;
        }
        publish(Event.of(EventType.POLICY_SKIPPED, now).target(target).with("rule", rule.name())
                .with("priority", rule.priority()).with("conditions", describe(rule, values))
                .with("reason", reason).message("policy '" + rule.name() + "' skipped for " + target + ": " + detail));
    }

    private boolean holds(PolicyRule rule, String target, Map<Metric, Double> values) {
        for (Condition c : rule.when()) {
            if (!c.holds(value(target, c.metric(), values))) {
                return false;
            }
        }
        return !rule.when().isEmpty();
    }

    /** Each metric is read at most once per target per evaluation, so all rules see the same value. */
    private double value(String target, Metric metric, Map<Metric, Double> values) {
        return values.computeIfAbsent(metric, m -> {
            try {
                return metrics.value(target, m);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        });
    }

    private static List<String> describe(PolicyRule rule, Map<Metric, Double> values) {
        List<String> out = new ArrayList<>();
        for (Condition c : rule.when()) {
            out.add(c.describe(values.getOrDefault(c.metric(), Double.NaN)));
        }
        return out;
    }

    private static String key(PolicyRule rule, String target) {
        return rule.index() + "\u0000" + target;
    }

    private void publish(Event e) {
        try {
            events.publish(e);
        } catch (RuntimeException ignored) {
            // a broken sink must not stop the evaluation
        }
    }
}
