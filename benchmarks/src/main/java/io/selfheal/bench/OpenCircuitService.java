package io.selfheal.bench;

/** Target {@code open-circuit}: always failing, circuit open for an hour, fallback value. */
public final class OpenCircuitService extends FailingService {
    @Override
    public int call(int x) {
        return super.call(x);
    }
}
