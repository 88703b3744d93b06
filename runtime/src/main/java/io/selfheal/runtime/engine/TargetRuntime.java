package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.TargetConfig;

/** The live state of one configured target: its policies and counts, shared by all its sites. */
public final class TargetRuntime {
    private final TargetConfig config;
    private final TargetStats stats = new TargetStats();
    private final RetryPolicy retry;
    private final LatencyRecorder latency;
    private volatile CircuitState circuit = CircuitState.CLOSED;
    private volatile boolean isolated;

    TargetRuntime(TargetConfig config) {
        this.config = config;
        this.retry = config.retry() == null ? null : new RetryPolicy(config.retry());
        this.latency = config.latency() ? new LatencyRecorder() : null;
    }

    public String name() {
        return config.name();
    }

    public TargetConfig config() {
        return config;
    }

    public TargetStats stats() {
        return stats;
    }

    RetryPolicy retry() {
        return retry;
    }

    /** The latency histogram, or {@code null} when the target does not measure latency. */
    public LatencyRecorder latency() {
        return latency;
    }

    // The circuit breaker proper arrives with its own issue; until then the circuit only moves by
    // an operator's hand (openCircuit / resetCircuit), and no breaker counts failures in a window.

    public CircuitState circuitState() {
        return circuit;
    }

    public void resetCircuit() {
        circuit = CircuitState.CLOSED;
    }

    public void openCircuit() {
        circuit = CircuitState.OPEN;
    }

    /** Quarantines the target: its calls short-circuit until {@link #release()}. */
    public void isolate() {
        isolated = true;
    }

    public void release() {
        isolated = false;
    }

    public boolean isIsolated() {
        return isolated;
    }

    public int failuresInWindow() {
        return 0;
    }
}
