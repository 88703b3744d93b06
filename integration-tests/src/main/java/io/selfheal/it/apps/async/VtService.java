package io.selfheal.it.apps.async;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Woven targets called from virtual threads ({@link VirtualThreadsApp}); each counts its own runs. */
public class VtService {
    public final AtomicInteger runs = new AtomicInteger();
    public final AtomicInteger thrown = new AtomicInteger();
    public final AtomicInteger asyncRuns = new AtomicInteger();
    public final AtomicInteger asyncFailed = new AtomicInteger();
    private final Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
    private final Set<Integer> asyncFailedOnce = ConcurrentHashMap.newKeySet();

    /** Every tenth id fails its first run; every run parks the virtual thread a little. */
    public String fetch(int id) throws IOException, InterruptedException {
        runs.incrementAndGet();
        Thread.sleep(20);
        if (id % 10 == 0 && failedOnce.add(id)) {
            thrown.incrementAndGet();
            throw new IOException("first run of " + id);
        }
        return "v" + id;
    }

    /** Every tenth id (offset 5) fails the first stage it returns. */
    public CompletableFuture<String> fetchAsync(int id) {
        asyncRuns.incrementAndGet();
        if (id % 10 == 5 && asyncFailedOnce.add(id)) {
            asyncFailed.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException("first stage of " + id));
        }
        return CompletableFuture.completedFuture("a" + id);
    }

    /** A short call for a million short-lived threads. */
    public int tick(int i) {
        return i + 1;
    }
}
