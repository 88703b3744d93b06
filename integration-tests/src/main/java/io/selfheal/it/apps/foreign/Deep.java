package io.selfheal.it.apps.foreign;

/** A woven method that recurses until the stack overflows, so the agent's work runs at its very end. */
public final class Deep {
    public static long calls;

    public static int down(int n) {
        calls++;
        return down(n + 1) + 1;
    }
}
