package io.selfheal.bench.limit;

/**
 * The call under selfheal's {@code concurrency-limit} (woven by the agent: see
 * {@code selfheal-limit-bench.yaml}): a call over the limit, or one past its deadline, gets the
 * fallback {@link #answer}.
 */
public final class WovenLimitedCall {
    public String call(SlowDependency dependency, long deadlineNanos) throws InterruptedException {
        return dependency.call(deadlineNanos);
    }

    /** The fallback: no exception means the limit refused the call; else it timed out. */
    public static String answer(SlowDependency dependency, long deadlineNanos, Throwable failure) {
        return failure == null ? "refused" : "timeout";
    }
}
