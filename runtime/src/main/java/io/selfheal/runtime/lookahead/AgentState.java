package io.selfheal.runtime.lookahead;

import io.selfheal.runtime.adaptive.StrategyStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent remembers across restarts, as written to {@code <state-dir>/state.json}.
 * {@code format} and {@code version} identify the file: anything else is set aside as foreign.
 *
 * @param circuits target -> circuit state and open-until time
 * @param isolation target -> isolation and its end
 * @param strategies target -> exception type -> candidate -> what the adaptive strategy learned
 * @param patches applied and rolled-back patches, oldest first
 */
public record AgentState(String format, int version, long savedAtMillis, Map<String, CircuitState> circuits,
        Map<String, IsolationState> isolation, Map<String, Map<String, Map<String, StrategyStats>>> strategies,
        List<PatchRecord> patches) {

    public static final String FORMAT = "selfheal-state";
    public static final int VERSION = 1;

    public AgentState {
        circuits = circuits == null ? Map.of() : Map.copyOf(circuits);
        isolation = isolation == null ? Map.of() : Map.copyOf(isolation);
        strategies = strategies == null ? Map.of() : copy(strategies);
        patches = patches == null ? List.of() : List.copyOf(patches);
    }

    public static AgentState empty() {
        return new AgentState(FORMAT, VERSION, 0, null, null, null, null);
    }

    /** A circuit as it was: {@code open}, {@code half-open} or {@code closed}; {@code openUntilMillis} is epoch millis, 0 when closed. */
    public record CircuitState(String state, long openUntilMillis) {
    }

    /** An isolation: {@code untilMillis} is epoch millis, 0 for "until released". */
    public record IsolationState(long sinceMillis, long untilMillis, String reason) {
    }

    /** One patch event: {@code action} is {@code applied} or {@code rolled-back}. */
    public record PatchRecord(String id, String action, long atMillis, String source) {
    }

    public AgentState withSavedAt(long millis) {
        return new AgentState(FORMAT, VERSION, millis, circuits, isolation, strategies, patches);
    }

    public AgentState withCircuits(Map<String, CircuitState> c) {
        return new AgentState(format, version, savedAtMillis, c, isolation, strategies, patches);
    }

    public AgentState withIsolation(Map<String, IsolationState> i) {
        return new AgentState(format, version, savedAtMillis, circuits, i, strategies, patches);
    }

    public AgentState withStrategies(Map<String, Map<String, Map<String, StrategyStats>>> s) {
        return new AgentState(format, version, savedAtMillis, circuits, isolation, s, patches);
    }

    public AgentState withPatches(List<PatchRecord> p) {
        return new AgentState(format, version, savedAtMillis, circuits, isolation, strategies, p);
    }

    private static Map<String, Map<String, Map<String, StrategyStats>>> copy(
            Map<String, Map<String, Map<String, StrategyStats>>> in) {
        Map<String, Map<String, Map<String, StrategyStats>>> out = new LinkedHashMap<>();
        in.forEach((target, byType) -> {
            Map<String, Map<String, StrategyStats>> types = new LinkedHashMap<>();
            if (byType != null) {
                byType.forEach((type, byCandidate) -> types.put(type,
                        byCandidate == null ? Map.of() : Map.copyOf(byCandidate)));
            }
            out.put(target, Map.copyOf(types));
        });
        return Map.copyOf(out);
    }
}
