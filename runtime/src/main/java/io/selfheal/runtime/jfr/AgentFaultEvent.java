package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.AgentFault}: A fault inside the agent; the application went on as if unwoven. */
@Name("selfheal.AgentFault")
@Label("Agent Fault")
@Description("A fault inside the agent; the application went on as if unwoven.")
final class AgentFaultEvent extends SelfhealEvent {
    @Label("Where")
    String where;
}
