package io.selfheal.it.apps.memory;

/** A reclaimer that throws: the others must still run. */
public final class Boom {
    static volatile int calls;

    private Boom() {
    }

    public static void explode() {
        calls++;
        throw new IllegalStateException("reclaimer boom");
    }
}
