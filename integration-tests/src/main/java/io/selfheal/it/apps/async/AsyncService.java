package io.selfheal.it.apps.async;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Asynchronous dependencies, each woven as its own target by the async scenarios ({@link AsyncApp}). */
public class AsyncService {
    public final AtomicInteger flakyRuns = new AtomicInteger();
    public final AtomicInteger syncRuns = new AtomicInteger();
    public final AtomicInteger customRuns = new AtomicInteger();
    public final AtomicInteger breakerRuns = new AtomicInteger();
    public final AtomicInteger manyRuns = new AtomicInteger();
    private final Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
    public volatile CompletableFuture<String> lastSlow;

    /** Fails twice (once later, on another thread; once at once), then succeeds later. */
    public CompletableFuture<String> flaky(String k) {
        int n = flakyRuns.incrementAndGet();
        if (n == 1) {
            return CompletableFuture.supplyAsync(() -> {
                throw new CompletionException(new IOException("flaky " + n));
            });
        }
        if (n == 2) {
            return CompletableFuture.failedFuture(new IOException("flaky " + n));
        }
        return CompletableFuture.supplyAsync(() -> k + n);
    }

    /** Always fails, later. */
    public CompletableFuture<String> down(String k) {
        return CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(new IOException("down " + k));
        });
    }

    /** Throws before it makes a stage on its first run. */
    public CompletableFuture<String> syncThrow(String k) throws IOException {
        int n = syncRuns.incrementAndGet();
        if (n == 1) {
            throw new IOException("sync " + n);
        }
        return CompletableFuture.completedFuture(k + n);
    }

    /** Never completes by itself. */
    public CompletableFuture<String> slow(String k) {
        CompletableFuture<String> inner = new CompletableFuture<>();
        lastSlow = inner;
        return inner;
    }

    public CompletableFuture<String> slowBare(String k) {
        CompletableFuture<String> inner = new CompletableFuture<>();
        lastSlow = inner;
        return inner;
    }

    /** A stage of the application's own class: fails on the first run, then gives 42. */
    public CompletionStage<Integer> custom() {
        int n = customRuns.incrementAndGet();
        return new AppStage(n == 1 ? CompletableFuture.failedFuture(new IOException("custom " + n))
                : CompletableFuture.supplyAsync(() -> 42));
    }

    public CompletionStage<Integer> customDown() {
        return new AppStage(CompletableFuture.failedFuture(new IOException("custom down")));
    }

    public CompletableFuture<List<String>> emptyDown() {
        return CompletableFuture.failedFuture(new IOException("empty down"));
    }

    public CompletableFuture<String> plainFallback(String k) {
        return CompletableFuture.failedFuture(new IOException("plain down"));
    }

    public CompletableFuture<String> breaker(String k) {
        breakerRuns.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(new IOException("breaker " + k));
        });
    }

    /** Completes when the gate does: in flight until then. */
    public CompletableFuture<String> held(CompletableFuture<String> gate) {
        return gate.thenApply(v -> "done " + v);
    }

    /** Completes 200 ms after it returns. */
    public CompletableFuture<String> measured() {
        return CompletableFuture.supplyAsync(() -> "measured",
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    }

    /** Every third id fails its first run, later; each run counted by the application itself. */
    public CompletableFuture<Integer> many(int id) {
        manyRuns.incrementAndGet();
        if (id % 3 == 0 && failedOnce.add(id)) {
            return CompletableFuture.supplyAsync(() -> {
                throw new CompletionException(new IOException("many " + id));
            });
        }
        return CompletableFuture.completedFuture(id);
    }
}
