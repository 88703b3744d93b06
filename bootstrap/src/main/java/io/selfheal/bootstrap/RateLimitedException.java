package io.selfheal.bootstrap;

/** A call was refused because its target's {@code rate-limit:} had no permit for it and no fallback answered. */
public class RateLimitedException extends SelfhealException {
    private static final long serialVersionUID = 1L;

    private final long nextPermitEpochMillis;

    /**
     * @param limit the limit as configured, for the message (for example "100 per 1s, burst 20")
     */
    public RateLimitedException(String target, String limit, long nextPermitEpochMillis) {
        super(target, "target '" + target + "' is rate-limited (" + limit + "); next permit due at "
                + java.time.Instant.ofEpochMilli(nextPermitEpochMillis));
        this.nextPermitEpochMillis = nextPermitEpochMillis;
    }

    /** When the next permit falls due (epoch millis). */
    public long getNextPermitEpochMillis() {
        return nextPermitEpochMillis;
    }
}
