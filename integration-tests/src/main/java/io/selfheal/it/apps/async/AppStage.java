package io.selfheal.it.apps.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A CompletionStage of the application's own class (not a CompletableFuture): each operation is
 * handed to a CompletableFuture it wraps. Raw types keep the delegation short.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class AppStage implements CompletionStage {
    private final CompletableFuture delegate;

    public AppStage(CompletableFuture delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletionStage thenApply(Function fn) {
        return delegate.thenApply(fn);
    }

    @Override
    public CompletionStage thenApplyAsync(Function fn) {
        return delegate.thenApplyAsync(fn);
    }

    @Override
    public CompletionStage thenApplyAsync(Function fn, Executor ex) {
        return delegate.thenApplyAsync(fn, ex);
    }

    @Override
    public CompletionStage thenAccept(Consumer c) {
        return delegate.thenAccept(c);
    }

    @Override
    public CompletionStage thenAcceptAsync(Consumer c) {
        return delegate.thenAcceptAsync(c);
    }

    @Override
    public CompletionStage thenAcceptAsync(Consumer c, Executor ex) {
        return delegate.thenAcceptAsync(c, ex);
    }

    @Override
    public CompletionStage thenRun(Runnable r) {
        return delegate.thenRun(r);
    }

    @Override
    public CompletionStage thenRunAsync(Runnable r) {
        return delegate.thenRunAsync(r);
    }

    @Override
    public CompletionStage thenRunAsync(Runnable r, Executor ex) {
        return delegate.thenRunAsync(r, ex);
    }

    @Override
    public CompletionStage thenCombine(CompletionStage o, BiFunction fn) {
        return delegate.thenCombine(o, fn);
    }

    @Override
    public CompletionStage thenCombineAsync(CompletionStage o, BiFunction fn) {
        return delegate.thenCombineAsync(o, fn);
    }

    @Override
    public CompletionStage thenCombineAsync(CompletionStage o, BiFunction fn, Executor ex) {
        return delegate.thenCombineAsync(o, fn, ex);
    }

    @Override
    public CompletionStage thenAcceptBoth(CompletionStage o, BiConsumer c) {
        return delegate.thenAcceptBoth(o, c);
    }

    @Override
    public CompletionStage thenAcceptBothAsync(CompletionStage o, BiConsumer c) {
        return delegate.thenAcceptBothAsync(o, c);
    }

    @Override
    public CompletionStage thenAcceptBothAsync(CompletionStage o, BiConsumer c, Executor ex) {
        return delegate.thenAcceptBothAsync(o, c, ex);
    }

    @Override
    public CompletionStage runAfterBoth(CompletionStage o, Runnable r) {
        return delegate.runAfterBoth(o, r);
    }

    @Override
    public CompletionStage runAfterBothAsync(CompletionStage o, Runnable r) {
        return delegate.runAfterBothAsync(o, r);
    }

    @Override
    public CompletionStage runAfterBothAsync(CompletionStage o, Runnable r, Executor ex) {
        return delegate.runAfterBothAsync(o, r, ex);
    }

    @Override
    public CompletionStage applyToEither(CompletionStage o, Function fn) {
        return delegate.applyToEither(o, fn);
    }

    @Override
    public CompletionStage applyToEitherAsync(CompletionStage o, Function fn) {
        return delegate.applyToEitherAsync(o, fn);
    }

    @Override
    public CompletionStage applyToEitherAsync(CompletionStage o, Function fn, Executor ex) {
        return delegate.applyToEitherAsync(o, fn, ex);
    }

    @Override
    public CompletionStage acceptEither(CompletionStage o, Consumer c) {
        return delegate.acceptEither(o, c);
    }

    @Override
    public CompletionStage acceptEitherAsync(CompletionStage o, Consumer c) {
        return delegate.acceptEitherAsync(o, c);
    }

    @Override
    public CompletionStage acceptEitherAsync(CompletionStage o, Consumer c, Executor ex) {
        return delegate.acceptEitherAsync(o, c, ex);
    }

    @Override
    public CompletionStage runAfterEither(CompletionStage o, Runnable r) {
        return delegate.runAfterEither(o, r);
    }

    @Override
    public CompletionStage runAfterEitherAsync(CompletionStage o, Runnable r) {
        return delegate.runAfterEitherAsync(o, r);
    }

    @Override
    public CompletionStage runAfterEitherAsync(CompletionStage o, Runnable r, Executor ex) {
        return delegate.runAfterEitherAsync(o, r, ex);
    }

    @Override
    public CompletionStage thenCompose(Function fn) {
        return delegate.thenCompose(fn);
    }

    @Override
    public CompletionStage thenComposeAsync(Function fn) {
        return delegate.thenComposeAsync(fn);
    }

    @Override
    public CompletionStage thenComposeAsync(Function fn, Executor ex) {
        return delegate.thenComposeAsync(fn, ex);
    }

    @Override
    public CompletionStage handle(BiFunction fn) {
        return delegate.handle(fn);
    }

    @Override
    public CompletionStage handleAsync(BiFunction fn) {
        return delegate.handleAsync(fn);
    }

    @Override
    public CompletionStage handleAsync(BiFunction fn, Executor ex) {
        return delegate.handleAsync(fn, ex);
    }

    @Override
    public CompletionStage whenComplete(BiConsumer c) {
        return delegate.whenComplete(c);
    }

    @Override
    public CompletionStage whenCompleteAsync(BiConsumer c) {
        return delegate.whenCompleteAsync(c);
    }

    @Override
    public CompletionStage whenCompleteAsync(BiConsumer c, Executor ex) {
        return delegate.whenCompleteAsync(c, ex);
    }

    @Override
    public CompletionStage exceptionally(Function fn) {
        return delegate.exceptionally(fn);
    }

    @Override
    public CompletableFuture toCompletableFuture() {
        return delegate;
    }
}
