package io.selfheal.it.apps.boot;

/** In BOOT-INF/classes: the fallback is found through Spring Boot's class loader. */
public final class BootFallbacks {
    private BootFallbacks() {
    }

    public static String cached(String key) {
        return "cached " + key;
    }
}
