package io.selfheal.it.apps.foreign;

import java.io.IOException;

/** A woven method whose fallback method calls another woven method ({@link Inner}). */
public final class Outer {
    public static String call() throws IOException {
        throw new IOException("outer down");
    }

    /** The fallback: application code the agent runs, which itself calls woven code. */
    public static String rescue() {
        try {
            return Inner.fail();
        } catch (IOException e) {
            return "rescued after " + Inner.runs + " inner run(s)";
        }
    }
}
