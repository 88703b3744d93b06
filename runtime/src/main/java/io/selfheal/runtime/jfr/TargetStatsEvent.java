package io.selfheal.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;

/**
 * {@code selfheal.TargetStats}: one event per target at each period (10 s unless the recording's
 * settings say otherwise), with its counters since the start, its circuit and its health.
 */
@Name("selfheal.TargetStats")
@Label("Target Statistics")
@Description("A target's counters since the agent started, its circuit state and its health")
@Category("selfheal")
@Period("10 s")
final class TargetStatsEvent extends jdk.jfr.Event {
    @Label("Target")
    String target;

    @Label("Calls")
    long calls;

    @Label("Failures")
    long failures;

    @Label("Healed")
    long healed;

    @Label("Unhealed")
    long unhealed;

    @Label("Retries")
    long retries;

    @Label("Fallbacks")
    long fallbacks;

    @Label("Short Circuits")
    long shortCircuits;

    @Label("Circuit")
    @Description("closed, open or half-open")
    String circuit;

    @Label("Isolated")
    boolean isolated;

    @Label("Health")
    @Description("HEALTHY, DEGRADED, UNHEALTHY or CRITICAL")
    String health;

    @Label("Error Rate")
    @Description("Failed runs over runs in the health window")
    double errorRate;
}
