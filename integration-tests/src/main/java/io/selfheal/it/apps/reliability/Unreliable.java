package io.selfheal.it.apps.reliability;

import java.io.IOException;

/** A service whose methods succeed, always fail, or fail once: the fault tests' target. */
public class Unreliable {
    private int runs;

    public String ok(int i) {
        return "ok " + i;
    }

    public long sum(long a, int b) {
        return a + b;
    }

    public String alwaysFails(String key) throws IOException {
        throw new IOException("always fails for " + key);
    }

    public String failsOnce(String key) throws IOException {
        runs++;
        if (runs == 1) {
            throw new IOException("first run of " + key + " fails");
        }
        return key + " after " + runs + " runs";
    }
}
