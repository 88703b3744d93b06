package io.selfheal.agent;

/**
 * With {@code -Dselfheal.debug.startup=true}, prints how long each phase of the agent's start
 * took, in milliseconds since {@code premain} was called, so start-up cost can be measured where
 * it is spent. Without the flag every call is one boolean test.
 */
final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("selfheal.debug.startup");
    private static final long START = System.nanoTime();

    private StartupTrace() {
    }

    static void mark(String phase) {
        if (ON) {
            // Plain concatenation: a Formatter would load dozens of classes and skew what is measured.
            long micros = (System.nanoTime() - START) / 1000;
            System.err.println("[selfheal] start-up +" + micros / 1000 + "." + micros / 100 % 10 + " ms "
                    + phase + " (" + Thread.currentThread().getName() + ")");
        }
    }
}
