package io.selfheal.bench;

import java.time.Duration;

/**
 * The three variants of a circuit benchmark over a dependency that fails every call: the woven
 * service (its policies come from the config) and Resilience4j and Failsafe over a dependency of
 * their own, built with the same policies. {@link #driveOpen} opens all three breakers and proves
 * that the bodies no longer run.
 */
final class CircuitFixture {
    final FailingService woven;
    final Competitors.Resilience4j resilience4j;
    final Competitors.FailsafeCall failsafe;
    private final String wovenTarget;
    private final FailingService resilience4jDependency = new FailingService.Unwoven();
    private final FailingService failsafeDependency = new FailingService.Unwoven();
    /** Read per call from a field so the JIT cannot fold the call away. */
    private int input = 41;

    /**
     * @param woven the woven service, named by the config as target {@code wovenTarget}
     * @param withRetry whether the competitors retry (as the woven target's {@code retry:} does)
     * @param openFor the competitors' wait in the open state (the woven target's {@code open-for})
     */
    CircuitFixture(FailingService woven, String wovenTarget, boolean withRetry, Duration openFor) {
        WeaveProbe.requireAgent();
        this.woven = woven;
        this.wovenTarget = wovenTarget;
        this.resilience4j = new Competitors.Resilience4j(wovenTarget, () -> resilience4jDependency.call(input),
                withRetry, openFor);
        this.failsafe = new Competitors.FailsafeCall(() -> failsafeDependency.call(input), withRetry, openFor);
    }

    /** Opens every variant's circuit; throws when one does not open. */
    CircuitFixture driveOpen() {
        CircuitCheck.driveOpen("woven (target " + wovenTarget + ")", woven, this::callWoven);
        CircuitCheck.driveOpen("resilience4j", resilience4jDependency, resilience4j::call);
        CircuitCheck.driveOpen("failsafe", failsafeDependency, failsafe::call);
        return this;
    }

    int callWoven() {
        return woven.call(input);
    }
}
