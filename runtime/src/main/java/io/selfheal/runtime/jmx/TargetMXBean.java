package io.selfheal.runtime.jmx;

/**
 * {@code io.selfheal:type=Target,name=<target>}: one configured target. Open types only. The
 * counts are those of the target's current configuration (a reload that changes a target starts
 * its counts afresh; an unchanged target keeps them).
 */
public interface TargetMXBean {
    String getName();

    long getCalls();

    long getFailures();

    long getHealed();

    long getUnhealed();

    long getRetries();

    long getFallbacks();

    long getShortCircuits();

    /** Calls refused by {@code rate-limit:} (they count as short-circuits too). */
    long getRateLimited();

    /** {@code hedge:} copies that ran, copies whose value answered, attempts whose outcome was dropped. */
    long getHedges();

    long getHedgeWins();

    long getHedgesDropped();

    /** CLOSED, OPEN or HALF_OPEN. */
    String getCircuitState();

    int getFailuresInWindow();

    boolean isIsolated();

    /** HEALTHY, DEGRADED, UNHEALTHY or CRITICAL over the configured window. */
    String getHealth();

    /** Failed runs of the body over runs, in the health window (0..1). */
    double getErrorRate();

    /** Class name of the latest failure, or null. */
    String getLastErrorType();

    String getLastErrorMessage();

    /** When the latest failure happened, ISO-8601, or null. */
    String getLastErrorTime();

    /** True when the target measures latency ({@code latency: true}). */
    boolean isLatencyMeasured();

    /** Median latency in milliseconds of calls that returned; -1 when not measured or none yet. */
    double getLatencyP50Millis();

    double getLatencyP99Millis();

    /** The prediction's failure probability (0..1); -1 when the target does not predict. */
    double getFailureProbability();

    /** How much data the prediction rests on (0..1); -1 when the target does not predict. */
    double getPredictionConfidence();

    /** Why the prediction says what it says, e.g. {@code error rate 18% and rising}; empty when none. */
    String[] getPredictionFactors();

    /** The adaptive concurrency limit now ({@code concurrency-limit:}); -1 without one. */
    int getConcurrencyLimit();

    /** Calls running now under the concurrency limit, else under the bulkhead; -1 with neither. */
    int getInFlight();

    /** Calls the concurrency limit refused (they got the fallback or ConcurrencyLimitedException); 0 without one. */
    long getConcurrencyLimited();

    void resetCircuit();

    void isolate();

    void release();

    /** Faults drills injected into this target's calls (touched calls), counted apart from failures. */
    long getDrillFaults();

    /**
     * Starts a drill: the command line's options after the target, e.g. {@code --throw
     * java.io.IOException:boom --rate 0.5 --for 10s}; double quotes keep spaces together, and
     * inside them a backslash escapes a quote or a backslash.
     *
     * @return the drill's report so far, as JSON
     * @throws IllegalStateException when the drill is refused (drills off, one already running),
     *     with the reason; IllegalArgumentException for bad options
     */
    String startDrill(String options);

    /** Ends the running drill; its final report as JSON, or {@code null} when no drill runs. */
    String stopDrill();

    /** The running drill's report so far, else the last drill's, as JSON; {@code null} before any drill. */
    String getDrillReport();
}
