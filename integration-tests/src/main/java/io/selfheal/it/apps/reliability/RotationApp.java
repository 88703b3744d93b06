package io.selfheal.it.apps.reliability;

import java.io.IOException;

/**
 * Fills a small, rotating events file with healed calls (each failure numbered in its message),
 * after one call of a target that only observes: its exception must reach the caller unchanged.
 */
public final class RotationApp {
    private RotationApp() {
    }

    public static void main(String[] args) throws IOException {
        Unreliable u = new Unreliable();
        try {
            System.out.println("RESULT observed returned " + u.failsOnce("w"));
        } catch (IOException e) {
            System.out.println("RESULT observed " + e.getClass().getName() + ": " + e.getMessage());
        }
        System.out.println("RESULT observedAgain " + u.failsOnce("w"));
        int calls = Integer.parseInt(args[0]);
        int answered = 0;
        for (int i = 1; i <= calls; i++) {
            if ("fallback".equals(u.alwaysFails("call-" + i))) {
                answered++;
            }
        }
        System.out.println("RESULT answered " + answered);
    }
}
