package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.CircuitTransition}: A target's circuit changed state. */
@Name("selfheal.CircuitTransition")
@Label("Circuit Transition")
@Description("A target's circuit changed state.")
final class CircuitTransitionEvent extends SelfhealEvent {
    @Label("From")
    String from;

    @Label("To")
    String to;

    @Label("Reason")
    String reason;
}
