package io.selfheal.agent.weave;

/** Woven in-process by {@link BodyInvokerTest}: an outer method whose body calls a woven inner one. */
public class InvokerSample {
    public static int innerRuns;
    public int outerRuns;

    public String outer(String key, int n) {
        outerRuns++;
        return inner(key) + n;
    }

    /** Fails every other run: the first of each pair throws. */
    public static String inner(String key) {
        innerRuns++;
        if (innerRuns % 2 == 1) {
            throw new IllegalStateException("flaky " + innerRuns);
        }
        return key;
    }

    public static long boom(long value) {
        throw new IllegalArgumentException("boom " + value);
    }

    private String secret(String s) {
        return "secret " + s + " " + outerRuns;
    }
}
