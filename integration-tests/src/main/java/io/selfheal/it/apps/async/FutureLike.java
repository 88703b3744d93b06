package io.selfheal.it.apps.async;

import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** Methods returning future-like types the agent does not heal: each draws a weave-time warning. */
public class FutureLike {
    /** Like Guava's ListenableFuture: a Future of the application's own interface. */
    public interface ListenableLike<T> extends Future<T> {
    }

    public Future<String> plainFuture() {
        return new FutureTask<>(() -> "f");
    }

    public reactor.core.publisher.Mono<String> mono() {
        return new reactor.core.publisher.Mono<>("m");
    }

    public io.reactivex.rxjava3.core.Single<String> single() {
        return new io.reactivex.rxjava3.core.Single<>();
    }

    public ListenableLike<String> listenable() {
        return null;
    }

    public Object suspending(String k, kotlin.coroutines.Continuation<? super String> continuation) {
        return "s " + k;
    }

    public AppStage ownStage() {
        return new AppStage(java.util.concurrent.CompletableFuture.completedFuture("o"));
    }

    public String plain() {
        return "p";
    }
}
