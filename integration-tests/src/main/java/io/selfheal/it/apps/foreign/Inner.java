package io.selfheal.it.apps.foreign;

import java.io.IOException;

/** A woven method that always fails: called from inside the agent's work (a fallback), it must not heal. */
public final class Inner {
    public static int runs;

    public static String fail() throws IOException {
        runs++;
        throw new IOException("inner down");
    }
}
