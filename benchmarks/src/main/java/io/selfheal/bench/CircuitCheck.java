package io.selfheal.bench;

import java.util.function.IntSupplier;

/** Drives a guarded failing dependency until its circuit is open, and proves that it is. */
final class CircuitCheck {
    private static final int MAX_CALLS = 200;
    private static final int CHECKS = 20;

    private CircuitCheck() {
    }

    /**
     * Calls {@code guarded} until the dependency's body stops running, then checks that
     * {@value #CHECKS} more calls answer the fallback without running it.
     */
    static void driveOpen(String variant, FailingService dependency, IntSupplier guarded) {
        for (int i = 0; i < MAX_CALLS; i++) {
            long before = dependency.bodyRuns();
            int answer = guarded.getAsInt();
            if (answer != Competitors.FALLBACK) {
                throw new IllegalStateException(variant + ": a failing call answered " + answer
                        + " instead of the fallback value " + Competitors.FALLBACK);
            }
            if (dependency.bodyRuns() == before) {
                break;
            }
        }
        long runs = dependency.bodyRuns();
        for (int i = 0; i < CHECKS; i++) {
            if (guarded.getAsInt() != Competitors.FALLBACK || dependency.bodyRuns() != runs) {
                throw new IllegalStateException(variant + ": the circuit did not open after " + MAX_CALLS
                        + " failing calls (the dependency's body still runs). For the woven variant: does this"
                        + " agent build have the circuit breaker, and did BenchmarkMain use the full config?");
            }
        }
    }
}
