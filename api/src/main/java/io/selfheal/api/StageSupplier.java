package io.selfheal.api;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * A block that starts an asynchronous call and returns its stage, for {@link SelfHeal#callAsync}.
 * It is a {@link Callable} so that the block itself, defined in the caller's class loader, is what
 * the agent is handed (a {@code method:} fallback resolves in that loader).
 */
@FunctionalInterface
public interface StageSupplier<T> extends Callable<CompletionStage<T>> {
    CompletionStage<T> get();

    @Override
    default CompletionStage<T> call() {
        return get();
    }
}
