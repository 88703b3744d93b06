package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.HealingFailed}: No strategy healed a failed call; the exception went to the caller. */
@Name("selfheal.HealingFailed")
@Label("Healing Failed")
@Description("No strategy healed a failed call; the exception went to the caller.")
final class HealingFailedEvent extends SelfhealEvent {
    @Label("Count")
    long count;
}
