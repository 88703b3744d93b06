package io.selfheal.runtime.engine;

import io.selfheal.runtime.events.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A drill's verdict, with the field names the {@code drill-ended} event, the command line and the
 * Target MBean's {@code DrillReport} share: {@code calls} (the target's calls while the drill ran),
 * {@code touched} (calls the fault was injected into), {@code healed} and {@code healedBy} (per
 * strategy), {@code unhealed} (the fault reached the caller), {@code healMillisP50}/{@code P99}
 * (from the injection to the healed answer) and {@code untouchedFailures} (calls not touched whose
 * body failed anyway). {@code ended} is null while the drill runs, else why it ended.
 */
public record DrillReport(String target, String fault, double rate, long forMillis, long startedAtMillis,
        long durationMillis, String ended, long calls, long touched, long healed, Map<String, Long> healedBy,
        long unhealed, long healMillisP50, long healMillisP99, long untouchedFailures, long inFlight) {

    /** True when no touched call's fault reached its caller. */
    public boolean allHealed() {
        return unhealed == 0;
    }

    /** The fields in a stable order, for events and JSON. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("fault", fault);
        m.put("rate", rate);
        m.put("forMs", forMillis);
        m.put("durationMs", durationMillis);
        m.put("ended", ended);
        m.put("calls", calls);
        m.put("touched", touched);
        m.put("healed", healed);
        m.put("healedBy", healedBy);
        m.put("unhealed", unhealed);
        m.put("healMillisP50", healMillisP50);
        m.put("healMillisP99", healMillisP99);
        m.put("untouchedFailures", untouchedFailures);
        if (inFlight > 0) {
            m.put("inFlight", inFlight);   // touched calls still running when the report was taken
        }
        return m;
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder();
        Json.write(fields(), sb);
        return sb.toString();
    }
}
