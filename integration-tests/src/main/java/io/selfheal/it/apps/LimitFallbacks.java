package io.selfheal.it.apps;

import java.util.concurrent.atomic.LongAdder;

/** The fallback of {@link SixteenWorkers#fetch}: counts each answer, so the app knows its own count. */
public final class LimitFallbacks {
    static final LongAdder answered = new LongAdder();

    private LimitFallbacks() {
    }

    public static String busy(int caller) {
        answered.increment();
        return "fallback";
    }
}
