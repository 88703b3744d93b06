package io.selfheal.it.apps.strategies;

import java.util.List;

/** The on-result predicates and fallback methods of OnResultApp's config. */
public final class Checks {
    private Checks() {
    }

    /** A status a retry may cure; takes the woven method's parameter too. */
    public static boolean isTransient(String status, int attempt) {
        return status.startsWith("5");
    }

    /** Declared with the wrong return type: rejected at weave time. */
    public static String notAPredicate(String value) {
        return value;
    }

    public static List<String> cachedItems() {
        return List.of("cached item");
    }
}
