package io.selfheal.runtime.engine;

/** Hears about circuit and isolation transitions of any target (the engine turns them into events). */
interface GuardListener {
    GuardListener NONE = new GuardListener() {
        @Override
        public void circuitChanged(TargetRuntime target, CircuitState from, CircuitState to, String reason,
                Initiator by, Throwable cause) {
        }

        @Override
        public void isolationChanged(TargetRuntime target, boolean isolated, String reason, Initiator by,
                long forMillis, Throwable cause) {
        }
    };

    /** @param by who moved the circuit by hand, or {@code null} when failures (or time) did */
    void circuitChanged(TargetRuntime target, CircuitState from, CircuitState to, String reason, Initiator by,
            Throwable cause);

    /** @param by who isolated or released the target by hand, or {@code null} when failures (or time) did */
    void isolationChanged(TargetRuntime target, boolean isolated, String reason, Initiator by, long forMillis,
            Throwable cause);
}
