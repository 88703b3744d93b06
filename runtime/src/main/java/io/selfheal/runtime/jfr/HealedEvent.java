package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.Healed}: A call that failed returned normally after all. */
@Name("selfheal.Healed")
@Label("Healed")
@Description("A call that failed returned normally after all.")
final class HealedEvent extends SelfhealEvent {
    @Label("Strategy")
    String strategy;
}
