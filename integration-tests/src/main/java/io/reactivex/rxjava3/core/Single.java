package io.reactivex.rxjava3.core;

/** A stand-in for RxJava's Single, by name only. */
public class Single<T> {
}
