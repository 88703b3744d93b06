package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.Isolation}: A target was isolated or released. */
@Name("selfheal.Isolation")
@Label("Isolation")
@Description("A target was isolated or released.")
final class IsolationEvent extends SelfhealEvent {
    @Label("Isolated")
    boolean isolated;

    @Label("Reason")
    String reason;

    @Label("Isolated For")
    @jdk.jfr.Timespan(jdk.jfr.Timespan.MILLISECONDS)
    long isolatedFor;
}
