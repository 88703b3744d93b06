package io.selfheal.bench;

import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous success path: a method returning an already-completed future, named by the
 * benchmark config (target {@code async-woven}: retry, circuit breaker, fallback value).
 * {@link AsyncUnwovenService} has the same body and is not woven.
 */
public final class AsyncWovenService {
    public CompletableFuture<Integer> call(int x) {
        return CompletableFuture.completedFuture(x + 1);
    }
}
