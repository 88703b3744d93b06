package io.selfheal.runtime.engine;

/** {@code restore-checkpoint:}: a matching failure puts the latest checkpoint back, before anything else acts. */
final class RestoreCheckpointStage implements Stage {
    private final StateHealing state;

    RestoreCheckpointStage(StateHealing state) {
        this.state = state;
    }

    @Override
    public Object failed(Failure f) {
        state.restoreCheckpoint(f.site, f.call, f.failure);
        return CONTINUE;
    }
}
