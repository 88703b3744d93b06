package io.selfheal.runtime.lookahead;

import io.selfheal.runtime.engine.CircuitState;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.Initiator;
import io.selfheal.runtime.engine.TargetRuntime;

import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's part of the state memory: circuits with their open-until times, isolations, and
 * the history of hot patches. {@link #contribute} lays the live state over what is remembered
 * (entries of targets not configured now are carried forward); {@link #restore} puts remembered
 * circuits and isolations back at start, marked {@code by: state-memory} in their events.
 */
public final class RememberedGuards {
    private RememberedGuards() {
    }

    public static AgentState contribute(AgentState s, HealingEngine engine, long nowMillis) {
        Map<String, AgentState.CircuitState> circuits = new LinkedHashMap<>(s.circuits());
        Map<String, AgentState.IsolationState> isolation = new LinkedHashMap<>(s.isolation());
        for (TargetRuntime t : engine.targets()) {
            if (t.hasCircuitBreaker()) {
                CircuitState state = t.circuitState();
                circuits.put(t.name(), new AgentState.CircuitState(state.wireName(),
                        state == CircuitState.CLOSED ? 0 : t.circuitOpenUntilMillis()));
            } else {
                circuits.remove(t.name());
            }
            if (t.isIsolated()) {
                long until = t.isolatedUntilMillis();
                isolation.put(t.name(), new AgentState.IsolationState(t.isolatedSinceMillis(), until < 0 ? 0 : until,
                        t.isolationReason()));
            } else {
                isolation.remove(t.name());
            }
        }
        return s.withCircuits(circuits).withIsolation(isolation)
                .withPatches(patchHistory(s.patches(), engine.patchApplier(), nowMillis));
    }

    /** Puts remembered circuits and isolations back; returns what was restored, for the event. */
    public static List<String> restore(AgentState s, HealingEngine engine, long nowMillis) {
        List<String> restored = new ArrayList<>();
        s.circuits().forEach((name, c) -> {
            TargetRuntime t = engine.target(name);
            if (t == null || !t.hasCircuitBreaker() || c.state().equals("closed")) {
                return;
            }
            if (c.state().equals("open") && c.openUntilMillis() <= nowMillis) {
                return;   // its open-for has passed: the circuit would have let probes through by now
            }
            t.openCircuitUntil(Math.max(c.openUntilMillis(), nowMillis), Initiator.MEMORY);
            restored.add(name + ": circuit open until " + Instant.ofEpochMilli(Math.max(c.openUntilMillis(), nowMillis)));
        });
        s.isolation().forEach((name, i) -> {
            TargetRuntime t = engine.target(name);
            if (t == null) {
                return;
            }
            if (i.untilMillis() == 0) {
                t.isolate(Initiator.MEMORY);
                restored.add(name + ": isolated until released");
            } else if (i.untilMillis() > nowMillis) {
                t.isolateFor(i.untilMillis() - nowMillis, Initiator.MEMORY);
                restored.add(name + ": isolated until " + Instant.ofEpochMilli(i.untilMillis()));
            }
        });
        return restored;
    }

    /**
     * The remembered history plus what changed since: an {@code applied} record for a patch now
     * applied whose last record is not {@code applied}, a {@code rolled-back} one for a patch
     * whose last record is {@code applied} but which is applied no more. Without hot patching
     * running, the history is carried forward unchanged.
     */
    private static List<AgentState.PatchRecord> patchHistory(List<AgentState.PatchRecord> before,
            PatchApplier applier, long nowMillis) {
        if (applier == null) {
            return before;
        }
        List<AgentState.PatchRecord> history = new ArrayList<>(before);
        Map<String, String> lastAction = new LinkedHashMap<>();
        for (AgentState.PatchRecord r : before) {
            lastAction.put(r.id(), r.action());
        }
        Map<String, PatchInfo> applied = new LinkedHashMap<>();
        for (PatchInfo p : applier.patches()) {
            applied.put(p.getId(), p);
        }
        applied.forEach((id, p) -> {
            if (!"applied".equals(lastAction.get(id))) {
                history.add(new AgentState.PatchRecord(id, "applied", millis(p.getAppliedAt(), nowMillis), p.getSource()));
            }
        });
        lastAction.forEach((id, action) -> {
            if ("applied".equals(action) && !applied.containsKey(id)) {
                history.add(new AgentState.PatchRecord(id, "rolled-back", nowMillis, null));
            }
        });
        return history;
    }

    private static long millis(String instant, long fallback) {
        try {
            return instant == null ? fallback : Instant.parse(instant).toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
