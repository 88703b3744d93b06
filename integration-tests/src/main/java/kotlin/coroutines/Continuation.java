package kotlin.coroutines;

/** A stand-in for Kotlin's Continuation, by name only: a suspend function's last parameter. */
public interface Continuation<T> {
}
