package io.selfheal.it.apps.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Fallback methods for the async scenarios: one answers with a stage, one with the value itself. */
public final class AsyncFallbacks {
    private AsyncFallbacks() {
    }

    public static CompletionStage<String> late(String k, Throwable why) {
        return CompletableFuture.supplyAsync(() -> "late " + k + " after " + why.getClass().getSimpleName());
    }

    public static String plain(String k) {
        return "plain " + k;
    }
}
