package io.selfheal.api;

import java.util.concurrent.Callable;

/**
 * A block that gives a value and may throw a checked exception, for {@link SelfHeal#call}: the
 * exception reaches the caller unchanged, and the compiler knows its type ({@code E} is inferred
 * from the block, {@link RuntimeException} when it throws nothing checked).
 *
 * <p>It is a {@link Callable}, which is how it crosses into the agent (a JDK type, seen alike by
 * every class loader) without being wrapped: a call allocates nothing of its own.
 */
@FunctionalInterface
public interface CheckedSupplier<T, E extends Exception> extends Callable<T> {
    T get() throws E;

    @Override
    default T call() throws E {
        return get();
    }
}
