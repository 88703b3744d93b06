package io.selfheal.it.apps.lookahead;

import java.io.IOException;

/** A dependency that fails when told to and counts how often its body really ran (a target of its own). */
public class RisingFallback {
    private int runs;

    public String fetch(boolean fail) throws IOException {
        runs++;
        if (fail) {
            throw new IOException("RisingFallback failed");
        }
        return "live";
    }

    public int runs() {
        return runs;
    }
}
