package io.selfheal.bench;

/**
 * Target {@code sustained-failure}: always failing; the circuit opens, lets a probe through every
 * {@code open-for} (1 s), the probe fails, and it opens again.
 */
public final class SustainedFailureService extends FailingService {
    @Override
    public int call(int x) {
        return super.call(x);
    }
}
