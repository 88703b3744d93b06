package io.selfheal.bench;

/**
 * Named by the benchmark config with a fallback value of 42: it answers 42 only when the agent
 * wove it, so a benchmark can refuse to measure a JVM in which the agent is not at work.
 */
public final class WeaveProbe {
    static final int WOVEN_ANSWER = 42;

    public static int answer() {
        throw new IllegalStateException("not woven");
    }

    /** Throws unless this JVM runs the agent with the benchmark config. */
    public static void requireAgent() {
        int answer;
        try {
            answer = answer();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the selfheal agent is not weaving this JVM: run the benchmarks with"
                    + " java -jar benchmarks/target/benchmarks.jar (it adds -javaagent to every fork)", e);
        }
        if (answer != WOVEN_ANSWER) {
            throw new IllegalStateException("the weave probe answered " + answer + ", expected " + WOVEN_ANSWER);
        }
    }
}
