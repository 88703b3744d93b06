package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.RestoreCheckpointConfig;
import io.selfheal.runtime.config.RestoreConfig;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.state.Checkpoint;
import io.selfheal.runtime.state.Checkpoints;
import io.selfheal.runtime.state.FieldSet;
import io.selfheal.runtime.state.ReceiverLocks;
import java.util.List;

/**
 * The state steps of the healing chain (ARCHITECTURE.md, "Healing, in order", step 2): the
 * snapshot a {@code restore:} target takes at entry, and on a matching failure the latest
 * checkpoint ({@code restore-checkpoint:}) and then the call's own snapshot put back, before retry
 * or fallback run. The call's own snapshot goes last, so the receiver ends as the call found it.
 *
 * <p>Concurrency: every call restores from its own entry snapshot. Snapshots and restores of one
 * object are atomic with respect to each other ({@link ReceiverLocks}); when two calls on one
 * object fail at once, their restores run one after the other and the later one's snapshot is what
 * the object holds afterwards.
 */
final class StateHealing {
    private final HealingEngine engine;
    private final Checkpoints checkpoints;

    StateHealing(HealingEngine engine, Checkpoints checkpoints) {
        this.engine = engine;
        this.checkpoints = checkpoints;
    }

    /** The token for a call of a {@code restore:} site: its entry snapshot. */
    CallState enter(Site site, SiteRestore restore, Object self) throws Throwable {
        FieldSet fields = restore.fields(site, self);
        if (fields == null) {
            return null;
        }
        Object[] values;
        synchronized (ReceiverLocks.of(self)) {
            values = fields.capture(self, restore.config().depth());
        }
        return new CallState(values);
    }

    /** Runs the state steps for a failure of {@code site}; never throws into the chain. */
    void onFailure(Site site, CallState call, Object self, Throwable thrown) {
        RestoreCheckpointConfig rc = site.target().config().restoreCheckpoint();
        if (rc != null && checkpoints != null && rc.filter().matches(thrown)) {
            try {
                Checkpoint cp = checkpoints.restoreLatest("failure", site.target().name());
                if (cp == null) {
                    engine.publish(engine.event(EventType.CHECKPOINT_RESTORED, site).exception(thrown)
                            .strategy("restore-checkpoint").attempt(call.attempt).with("outcome", "none")
                            .message("no checkpoint has been taken yet; nothing restored"));
                }
            } catch (RuntimeException | LinkageError e) {
                engine.fault("restore-checkpoint", e);
            }
        }
        SiteRestore restore = site.restore();
        if (restore == null || call.snapshot == null || !restore.config().filter().matches(thrown)) {
            return;
        }
        try {
            RestoreConfig config = restore.config();
            List<String> restored;
            synchronized (ReceiverLocks.of(self)) {
                restored = restore.fields(site, self).restore(self, call.snapshot, config.depth());
            }
            engine.publish(engine.event(EventType.STATE_RESTORED, site).exception(thrown).strategy("restore")
                    .attempt(call.attempt).with("fields", restored)
                    .with("depth", config.depth().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (Throwable e) {
            engine.fault("restore", e);
        }
    }
}
