package io.selfheal.bench;

/**
 * The same trivial call as {@link UnwovenService}, named by the benchmark config (target
 * {@code woven}: retry, circuit breaker and a fallback value), so the agent weaves it.
 */
public final class WovenService {
    public int call(int x) {
        return x + 1;
    }
}
