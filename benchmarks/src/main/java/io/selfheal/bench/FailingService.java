package io.selfheal.bench;

/**
 * A dependency that is down: every call throws. Counts the runs of its body, so a benchmark can
 * prove the circuit is open (the body no longer runs). Subclasses exist only so that each is a
 * class of its own that the config can name as a separate target.
 */
public abstract class FailingService {
    private volatile long bodyRuns;

    public int call(int x) {
        bodyRuns++;
        throw new IllegalStateException("dependency down");
    }

    public long bodyRuns() {
        return bodyRuns;
    }

    /** For the Resilience4j and Failsafe variants: never named by the config. */
    public static final class Unwoven extends FailingService {
    }
}
