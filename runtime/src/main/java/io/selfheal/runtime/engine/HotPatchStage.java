package io.selfheal.runtime.engine;

/**
 * The {@code hot-patch} strategy: the first matching failure applies the target's staged patch;
 * this call then goes on through the rest of the stages (later calls run the fix).
 */
final class HotPatchStage implements Stage {
    private final HotPatchStrategy hotPatch;
    private final EngineContext context;

    HotPatchStage(HotPatchStrategy hotPatch, EngineContext context) {
        this.hotPatch = hotPatch;
        this.context = context;
    }

    @Override
    public Object failed(Failure f) {
        try {
            hotPatch.onFailure(f.failure, context.patchApplier().get());
        } catch (RuntimeException | LinkageError e) {
            context.faults().report("hot-patch strategy of " + f.target.name(), e);
        }
        return CONTINUE;
    }
}
