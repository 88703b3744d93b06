package io.selfheal.it.apps;

import java.util.List;

/** Fallback methods the test configs name. */
public final class Fallbacks {
    private Fallbacks() {
    }

    public static String broken(String key) {
        throw new IllegalStateException("this fallback is broken too");
    }

    public static String cached(String key, Throwable why) {
        return "cached " + key + " because " + why.getClass().getSimpleName();
    }

    public static String cachedNoThrowable(String key) {
        return "cached " + key;
    }

    /** The wrong parameters for alwaysFails(String): a config error at weave time. */
    public static String wrongSignature(int notAString) {
        return "never";
    }

    public static List<String> list() {
        return List.of("x");
    }
}
