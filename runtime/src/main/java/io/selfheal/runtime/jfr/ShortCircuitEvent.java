package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.ShortCircuit}: Calls answered without running the body; throttled as the healing log is, with a count. */
@Name("selfheal.ShortCircuit")
@Label("Short Circuit")
@Description("Calls answered without running the body; throttled as the healing log is, with a count.")
final class ShortCircuitEvent extends SelfhealEvent {
    @Label("Reason")
    String reason;

    @Label("Answer")
    @Description("fallback or exception")
    String answer;

    @Label("Count")
    @Description("Calls short-circuited since the last report")
    long count;
}
