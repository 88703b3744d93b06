package io.selfheal.runtime.engine;

/** Hears about circuit and isolation transitions of any target (the engine turns them into events). */
interface GuardListener {
    GuardListener NONE = new GuardListener() {
        @Override
        public void circuitChanged(TargetRuntime target, CircuitState from, CircuitState to, String reason,
                Throwable cause) {
        }

        @Override
        public void isolationChanged(TargetRuntime target, boolean isolated, String reason, long forMillis,
                Throwable cause) {
        }
    };

    void circuitChanged(TargetRuntime target, CircuitState from, CircuitState to, String reason, Throwable cause);

    void isolationChanged(TargetRuntime target, boolean isolated, String reason, long forMillis, Throwable cause);
}
