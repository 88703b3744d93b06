package io.selfheal.it.apps.strategies;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A client that answers badly instead of throwing: null, empty, -1, a "503" status. Counts its runs. */
public final class Answers {
    public final AtomicInteger runs = new AtomicInteger();
    /** How many bad answers come before a good one. */
    public volatile int badFirst;

    private boolean bad() {
        return runs.incrementAndGet() <= badFirst;
    }

    public String lookup(String key) {
        return bad() ? null : "value of " + key;
    }

    public List<String> items() {
        List<String> out = new ArrayList<>();
        if (!bad()) {
            out.add("item");
        }
        return out;
    }

    public int code() {
        return bad() ? -1 : 200;
    }

    public String status(int attempt) {
        return bad() ? "503" : "200";
    }

    public long total() {
        return bad() ? -1L : 42L;
    }

    public String name() {
        return bad() ? "" : "named";
    }

    /** Returns inside a try block whose handler reads a local: the woven returns must keep its frames valid. */
    public String guarded(String key) {
        String prefix = "k:" + key;
        try {
            if (bad()) {
                return null;
            }
            return prefix + " ok";
        } catch (RuntimeException e) {
            return prefix + " failed " + e.getMessage();
        }
    }

    /** Woven by a target whose on-result predicate is declared wrong (never called). */
    public String describe() {
        return "answers";
    }

    public void reset(int bad) {
        runs.set(0);
        badFirst = bad;
    }
}
