package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.BackoffConfig;
import java.util.concurrent.ThreadLocalRandom;

/** Computes retry delays from a {@link BackoffConfig}. */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final double multiplier;
    private final double jitter;

    Backoff(BackoffConfig c) {
        this.initialMillis = c.initial().toMillis();
        this.maxMillis = c.max().toMillis();
        this.multiplier = c.multiplier();
        this.jitter = c.jitter();
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry).
     *
     * @param random a uniform pick in [0, 1), the jitter's source
     */
    long delayMillis(int retry, double random) {
        double base = Math.min(maxMillis, initialMillis * Math.pow(multiplier, retry - 1));
        double spread = base * jitter * (2 * random - 1);
        return Math.max(0, Math.min(maxMillis, Math.round(base + spread)));
    }

    long delayMillis(int retry) {
        return delayMillis(retry, ThreadLocalRandom.current().nextDouble());
    }
}
