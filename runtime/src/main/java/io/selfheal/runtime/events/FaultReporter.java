package io.selfheal.runtime.events;

/** Where the event writer reports a fault of its own (the engine's agent-fault log implements it). */
public interface FaultReporter {
    /** Must not throw. */
    void report(String where, Throwable fault);
}
