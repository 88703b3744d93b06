package io.selfheal.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Timespan;

/**
 * The fields every selfheal flight-recorder event has (those that do not apply stay empty), and
 * the category Mission Control groups them under. ({@code duration} is JFR's own field on every
 * event, hence {@code healingDuration}.)
 */
@Category("selfheal")
abstract class SelfhealEvent extends jdk.jfr.Event {
    @Label("Target")
    @Description("The target's name in the config")
    String target;

    @Label("Method")
    @Description("The woven method, as class#method")
    String method;

    @Label("Exception")
    @Description("The class of the exception healing acted on")
    String exception;

    @Label("Attempt")
    @Description("The run of the body this decision is about (1: the first)")
    int attempt;

    @Label("Delay")
    @Description("The backoff before the next run")
    @Timespan(Timespan.MILLISECONDS)
    long delay;

    @Label("Healing Duration")
    @Description("From the first failure of the call to its answer")
    @Timespan(Timespan.MILLISECONDS)
    long healingDuration;

    @Label("By")
    @Description("Who made the change when not the engine itself: operator, policy, prediction, ...")
    String by;

    @Label("Message")
    String message;
}
