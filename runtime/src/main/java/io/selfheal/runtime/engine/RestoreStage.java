package io.selfheal.runtime.engine;

/**
 * {@code restore:}: the receiver's fields, snapshotted when the call entered, are put back on a
 * matching failure, before retry and fallback run (the snapshot itself is taken at enter by the
 * pipeline, for sites whose fields the weaver found).
 */
final class RestoreStage implements Stage {
    private final StateHealing state;

    RestoreStage(StateHealing state) {
        this.state = state;
    }

    @Override
    public Object failed(Failure f) {
        state.restore(f.site, f.call, f.self, f.failure);
        return CONTINUE;
    }
}
