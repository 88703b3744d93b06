package io.selfheal.bootstrap;

/** A call was short-circuited because the target's circuit is open and no fallback answered. */
public class CircuitOpenException extends SelfhealException {
    private static final long serialVersionUID = 1L;

    private final long retryAtEpochMillis;

    public CircuitOpenException(String target, long retryAtEpochMillis) {
        super(target, "circuit of target '" + target + "' is open; next probe allowed at "
                + java.time.Instant.ofEpochMilli(retryAtEpochMillis));
        this.retryAtEpochMillis = retryAtEpochMillis;
    }

    /** When the circuit lets the next probe through (epoch millis). */
    public long getRetryAtEpochMillis() {
        return retryAtEpochMillis;
    }
}
