package io.selfheal.bench;

/**
 * The trivial dependency call, in a class the benchmark config does not name: the baseline.
 * {@link WovenService} has the same body and is woven.
 */
public final class UnwovenService {
    public int call(int x) {
        return x + 1;
    }
}
