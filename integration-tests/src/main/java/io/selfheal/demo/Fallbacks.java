package io.selfheal.demo;

import java.util.List;

/** What the demo's config falls back to when the inventory service cannot answer. */
public final class Fallbacks {
    private Fallbacks() {
    }

    /** The last known suppliers, from a local cache. */
    public static List<String> cachedSuppliers(String sku, Throwable why) {
        return List.of("cached-supplier-for-" + sku);
    }
}
