package io.selfheal.it.apps.async;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** State an asynchronous call changes before its stage fails: {@code restore:} puts it back. */
public class AsyncLedger {
    public int balance = 100;

    public CompletableFuture<Integer> debit(int amount) {
        balance -= amount;
        return CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(new IOException("declined"));
        });
    }
}
