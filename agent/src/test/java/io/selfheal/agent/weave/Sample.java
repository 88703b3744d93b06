package io.selfheal.agent.weave;

import java.io.IOException;

/** Woven in-process by {@link WeaverTest}. */
public class Sample {
    public int runs;

    public long add(long a, int b) throws IOException {
        runs++;
        if (runs < 3) {
            a = -1;   // writes to a parameter: the retry must see the original
            throw new IOException("fail " + runs);
        }
        return a + b;
    }

    public static double half(double d) {
        return d / 2;
    }

    public String untouched() {
        return "plain";
    }
}
