package io.selfheal.agent.weave;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Woven in-process by {@link StageWeavingTest}: methods returning stages, in the shapes bodies take. */
public class StageSample {
    public int runs;

    /** Several returns, a loop, a try/catch of its own, wide arguments. */
    public CompletableFuture<String> shapes(long wide, int branch, double d) {
        runs++;
        for (int i = 0; i < branch; i++) {
            if (i == 3) {
                return CompletableFuture.completedFuture("loop " + i);
            }
        }
        try {
            if (branch < 0) {
                throw new IOException("inner");
            }
        } catch (IOException e) {
            return CompletableFuture.completedFuture("caught " + wide);
        }
        if (branch == 1) {
            return null;
        }
        return runs < 2 ? CompletableFuture.failedFuture(new IOException("first")) : CompletableFuture.completedFuture("d" + d);
    }

    public static CompletionStage<Integer> stat(int x) {
        return x > 0 ? CompletableFuture.completedFuture(x) : CompletableFuture.failedFuture(new IllegalStateException("neg"));
    }
}
