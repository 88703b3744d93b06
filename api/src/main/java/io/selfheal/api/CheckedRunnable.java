package io.selfheal.api;

import java.util.concurrent.Callable;

/**
 * A block that gives no value and may throw a checked exception, for {@link SelfHeal#run}. A
 * {@link Callable} for the same reason as {@link CheckedSupplier}.
 */
@FunctionalInterface
public interface CheckedRunnable<E extends Exception> extends Callable<Object> {
    void run() throws E;

    @Override
    default Object call() throws E {
        run();
        return null;
    }
}
