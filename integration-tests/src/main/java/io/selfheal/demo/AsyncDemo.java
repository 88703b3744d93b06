package io.selfheal.demo;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sample of the README's "Asynchronous calls": a price service whose stages fail twice with a
 * dropped connection, then answer; and one that is down, whose fallback answers. Run it with
 * {@code config-samples/async.yaml}.
 */
public final class AsyncDemo {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private AsyncDemo() {
    }

    /** Fails its first two stages, later, on another thread. */
    public static CompletableFuture<String> price(String sku) {
        int run = RUNS.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            if (run < 3) {
                throw new java.util.concurrent.CompletionException(new IOException("connection reset (run " + run + ")"));
            }
            return sku + " costs 42.00 (run " + run + ")";
        });
    }

    /** Always down. */
    public static CompletableFuture<String> rating(String sku) {
        return CompletableFuture.failedFuture(new IOException("rating service down"));
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        CompletableFuture<String> price = price("sku-1");
        System.out.println("the caller got its stage after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        System.out.println("price:  " + price.join());
        System.out.println("rating: " + rating("sku-1").join());
    }
}
