package io.selfheal.it.apps;

/** A static method a policy's {@code invoke} action calls. */
public final class LookAheadOps {
    private LookAheadOps() {
    }

    public static void restart(String target) {
        System.out.println("RESULT restarted " + target);
    }
}
