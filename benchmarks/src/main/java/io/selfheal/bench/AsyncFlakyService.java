package io.selfheal.bench;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Fails every other call with a failed future, then succeeds: a failing-then-succeeding
 * asynchronous call end to end. Woven as target {@code async-flaky} when {@code woven}; the
 * competitors wrap an unwoven instance ({@link AsyncFlakyService.Plain}).
 */
public final class AsyncFlakyService {
    private boolean failNext = true;

    public CompletableFuture<Integer> call(int x) {
        boolean fail = failNext;
        failNext = !fail;
        return fail ? CompletableFuture.failedFuture(new IOException("flaky")) : CompletableFuture.completedFuture(x + 1);
    }

    /** The same body in a class the config does not name. */
    public static final class Plain {
        private boolean failNext = true;

        public CompletableFuture<Integer> call(int x) {
            boolean fail = failNext;
            failNext = !fail;
            return fail ? CompletableFuture.failedFuture(new IOException("flaky")) : CompletableFuture.completedFuture(x + 1);
        }
    }
}
