package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.StateRestored}: State was put back: a call's snapshot or a checkpoint. */
@Name("selfheal.StateRestored")
@Label("State Restored")
@Description("State was put back: a call's snapshot or a checkpoint.")
final class StateRestoredEvent extends SelfhealEvent {
    @Label("Source")
    @Description("snapshot or checkpoint")
    String source;

    @Label("Fields")
    @Description("The fields put back")
    String fields;

    @Label("Checkpoint")
    String checkpoint;
}
