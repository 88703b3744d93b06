package io.selfheal.bench;

/**
 * The same trivial call as {@link UnwovenService}, woven with retry and a fallback value but no
 * circuit breaker (target {@code woven-unguarded}): the enter path that admits nothing, which
 * reads one flag besides counting the call.
 */
public final class UnguardedWovenService {
    public int call(int x) {
        return x + 1;
    }
}
