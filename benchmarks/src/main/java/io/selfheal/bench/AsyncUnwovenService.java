package io.selfheal.bench;

import java.util.concurrent.CompletableFuture;

/** The same as {@link AsyncWovenService}, in a class the config does not name: the baseline and the competitors' body. */
public final class AsyncUnwovenService {
    public CompletableFuture<Integer> call(int x) {
        return CompletableFuture.completedFuture(x + 1);
    }
}
