package io.selfheal.it.apps.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A cache that only grows, unless something trims it: the reclaimer {@link #trim(double)}. */
public final class PriceCache {
    static final Map<Integer, byte[]> ENTRIES = new ConcurrentHashMap<>();
    /** When each trim ran (millis), for the cooldown check. */
    static final List<Long> TRIMS = new ArrayList<>();
    static volatile double lastPressure;

    private PriceCache() {
    }

    static void put(int key, int bytes) {
        ENTRIES.put(key, new byte[bytes]);
    }

    /** The reclaimer: keeps a handful of entries. Called on the agent's thread. */
    public static void trim(double pressure) {
        synchronized (TRIMS) {
            TRIMS.add(System.currentTimeMillis());
        }
        lastPressure = pressure;
        int keep = 8;
        for (Integer k : ENTRIES.keySet()) {
            if (keep-- <= 0) {
                ENTRIES.remove(k);
            }
        }
    }

    /** An instance method: not a reclaimer, so naming it is a config problem found when this class loads. */
    public int size() {
        return ENTRIES.size();
    }
}
