package io.selfheal.runtime.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out the {@code int} ids that woven code passes to the gateway, and finds sites by id with
 * one array read (the array is replaced, never changed in place, so readers take no lock).
 * Re-weaving the same method in the same loader (a retransformation) gets the same id back.
 */
final class SiteRegistry {
    private volatile Site[] sites = new Site[64];
    private final Map<String, Integer> idsByKey = new HashMap<>();
    private int next;

    interface SiteFactory {
        Site create(int id);
    }

    synchronized int register(String key, SiteFactory factory) {
        Integer existing = idsByKey.get(key);
        if (existing != null) {
            Site[] copy = sites.clone();
            copy[existing] = factory.create(existing);
            sites = copy;
            return existing;
        }
        int id = next++;
        Site[] copy = id < sites.length ? sites.clone() : Arrays.copyOf(sites, sites.length * 2);
        copy[id] = factory.create(id);
        sites = copy;
        idsByKey.put(key, id);
        return id;
    }

    Site get(int id) {
        return sites[id];
    }

    int size() {
        synchronized (this) {
            return next;
        }
    }
}
