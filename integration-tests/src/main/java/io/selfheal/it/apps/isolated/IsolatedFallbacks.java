package io.selfheal.it.apps.isolated;

/** The fallback, resolved in the woven class's (child-first) loader. */
public final class IsolatedFallbacks {
    private IsolatedFallbacks() {
    }

    public static String cached(String key) {
        return "cached " + key + " from " + IsolatedFallbacks.class.getClassLoader().getName();
    }
}
