package io.selfheal.bench;

/**
 * The same trivial call as {@link UnwovenService}, woven with {@code rate-limit:} only (target
 * {@code rate-limited}, so many permits that every call gets one): the permitted path.
 */
public final class RateLimitedService {
    public int call(int x) {
        return x + 1;
    }
}
