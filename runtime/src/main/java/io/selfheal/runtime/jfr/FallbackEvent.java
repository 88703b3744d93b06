package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.Fallback}: A fallback entry answered a failed call (or could not: see outcome). */
@Name("selfheal.Fallback")
@Label("Fallback")
@Description("A fallback entry answered a failed call (or could not: see outcome).")
final class FallbackEvent extends SelfhealEvent {
    @Label("Fallback")
    @Description("The fallback entry")
    String fallback;

    @Label("Outcome")
    String outcome;
}
