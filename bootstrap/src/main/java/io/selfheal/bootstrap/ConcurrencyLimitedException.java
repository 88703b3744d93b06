package io.selfheal.bootstrap;

/**
 * A call was not run because the target's adaptive concurrency limit ({@code concurrency-limit:})
 * was reached and no fallback answered. Unchecked; names the target and the limit in force.
 */
public class ConcurrencyLimitedException extends SelfhealException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    public ConcurrencyLimitedException(String target, int limit) {
        super(target, "target '" + target + "' is at its concurrency limit: " + limit
                + " calls already running (concurrency-limit)");
        this.limit = limit;
    }

    /** The limit in force when the call was refused. */
    public int getLimit() {
        return limit;
    }
}
