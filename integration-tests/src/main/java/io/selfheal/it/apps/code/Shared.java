package io.selfheal.it.apps.code;

/** Woven by target {@code shared}, whose calls from code count with its woven ones. */
public final class Shared {
    private int fetches;

    /** Fails at its first run of each call pair, so the target's retry heals it. */
    public String fetch(String key) {
        if (fetches++ % 2 == 0) {
            throw new IllegalStateException("first try of " + key);
        }
        return "w:" + key;
    }

    /** Not woven (the target names fetch only): a body for calls from code. */
    public String plain(String key) {
        return "c:" + key;
    }
}
