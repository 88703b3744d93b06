package io.selfheal.it.apps;

import java.util.ArrayList;
import java.util.List;

/** Static state changed by a static method: a static target restores static fields. */
public final class Counters {
    static int hits;
    static List<String> log = new ArrayList<>();

    private Counters() {
    }

    public static int hit(String who) {
        hits++;
        log.add(who);
        throw new IllegalStateException("counter store failed for " + who);
    }

    public static String describe() {
        return log + " hits=" + hits;
    }
}
