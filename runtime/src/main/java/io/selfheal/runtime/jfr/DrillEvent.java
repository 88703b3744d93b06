package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.Drill}: a fault-injection drill started or ended (with its verdict). */
@Name("selfheal.Drill")
@Label("Drill")
@Description("A fault-injection drill started or ended; an ended drill carries its verdict.")
final class DrillEvent extends SelfhealEvent {
    @Label("Action")
    @Description("started or ended")
    String action;

    @Label("Fault")
    String fault;

    @Label("Rate")
    double rate;

    @Label("Touched")
    long touched;

    @Label("Healed")
    long healed;

    @Label("Unhealed")
    long unhealed;

    @Label("Ended By")
    @Description("time, calls, drill-stop, config-reload or jvm-exit")
    String ended;
}
