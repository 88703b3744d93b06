package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.RestoreCheckpointConfig;
import io.selfheal.runtime.config.RestoreConfig;
import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.state.Checkpoint;
import io.selfheal.runtime.state.Checkpoints;
import io.selfheal.runtime.state.FieldSet;
import io.selfheal.runtime.state.DeepCopier;
import io.selfheal.runtime.state.ReceiverLocks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state steps of the healing chain (ARCHITECTURE.md, "Healing, in order", step 2): the
 * snapshot a {@code restore:} target takes at entry, and on a matching failure the latest
 * checkpoint ({@code restore-checkpoint:}) and then the call's own snapshot put back, before retry
 * or fallback run. The call's own snapshot goes last, so the receiver ends as the call found it.
 *
 * <p>Concurrency: every call restores from its own entry snapshot. Snapshots and restores of one
 * object are atomic with respect to each other ({@link ReceiverLocks}, taken by {@link FieldSet});
 * when two calls on one object fail at once, their restores run one after the other and the later
 * one's snapshot is what the object holds afterwards.
 *
 * <p>No deadlock, by construction: a receiver lock is held only while the agent's own code runs
 * (field reads and writes, the field-by-field copy); what runs application code (an opt-in
 * {@code clone()}, a concurrent collection's insertions) runs after the lock is released. The
 * whole of it runs under the {@link io.selfheal.bootstrap.ReentryGuard}, so a woven method reached
 * from inside takes no snapshot and no lock. A thread holding a receiver lock therefore never
 * waits for anything, so no two threads can wait on each other through these locks.
 */
final class StateHealing {
    private final HealingEvents events;
    private final AgentFaults faults;
    private final Checkpoints checkpoints;
    private final Map<TargetRuntime, DeepCopier> copiers = new ConcurrentHashMap<>();

    StateHealing(HealingEvents events, AgentFaults faults, Checkpoints checkpoints) {
        this.events = events;
        this.faults = faults;
        this.checkpoints = checkpoints;
    }

    /** The token for a call of a {@code restore:} site: its entry snapshot. */
    CallState enter(Site site, SiteRestore restore, Object self) throws Throwable {
        FieldSet fields = restore.fields(site, self);
        if (fields == null) {
            return null;
        }
        Object[] snapshot = fields.capture(self, restore.config().depth(), restore.copier());
        return snapshot == null ? null : new CallState(snapshot);   // too large: this call runs without one
    }

    /**
     * The deep copier of a target's snapshots: its opt-in clones, and a {@code config-problem}
     * (once per type) for each type it keeps by reference.
     */
    DeepCopier copierFor(TargetRuntime target) {
        DeepCopier copier = copiers.get(target);
        if (copier != null) {
            return copier;
        }
        // An anonymous class, not a lambda: this runs when a class is woven, possibly at start-up.
        copier = new DeepCopier(target.config().restore().cloneTypes(), target.config().restore().maxObjects(),
                new DeepCopier.Listener() {
            @Override
            public void keptByReference(Class<?> type, String reason) {
                events.publish(events.event(EventType.CONFIG_PROBLEM, target).with("key", "restore")
                        .with("type", type.getName())
                        .message("a " + type.getName() + " is kept by reference in snapshots, not copied: "
                                + reason + "; restore cannot roll back changes inside it"));
            }

            @Override
            public void budgetReached(int maxObjects) {
                events.publish(events.event(EventType.CONFIG_PROBLEM, target).with("key", "restore.max-objects")
                        .message("a deep snapshot would copy more than restore.max-objects (" + maxObjects
                                + " objects): calls whose state is that large run without a snapshot, and are not"
                                + " restored; name the fields that matter, or raise max-objects"));
            }
        });
        DeepCopier raced = copiers.putIfAbsent(target, copier);
        return raced != null ? raced : copier;
    }

    /** {@code restore-checkpoint:}: the latest checkpoint back, on a matching failure; never throws. */
    void restoreCheckpoint(Site site, CallState call, Throwable thrown) {
        RestoreCheckpointConfig rc = site.target().config().restoreCheckpoint();
        if (rc != null && checkpoints != null && rc.filter().matches(thrown)) {
            try {
                Checkpoint cp = checkpoints.restoreLatest("failure", site.target().name());
                if (cp == null) {
                    events.publish(events.event(EventType.CHECKPOINT_RESTORED, site).exception(thrown)
                            .strategy(Strategy.RESTORE_CHECKPOINT.wireName()).attempt(call.attempt)
                            .with("outcome", "none")
                            .message("no checkpoint has been taken yet; nothing restored"));
                }
            } catch (RuntimeException | LinkageError e) {
                faults.report("restore-checkpoint", e);
            }
        }
    }

    /** {@code restore:}: the call's entry snapshot back, on a matching failure; never throws. */
    void restore(Site site, CallState call, Object self, Throwable thrown) {
        SiteRestore restore = site.restore();
        if (restore == null || call.snapshot == null || !restore.config().filter().matches(thrown)) {
            return;
        }
        try {
            RestoreConfig config = restore.config();
            List<String> restored = restore.fields(site, self).restore(self, call.snapshot, config.depth(),
                    restore.copier());
            events.publish(events.event(EventType.STATE_RESTORED, site).exception(thrown)
                    .strategy(Strategy.RESTORE.wireName()).attempt(call.attempt).with("fields", restored)
                    .with("depth", config.depth().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (Throwable e) {
            faults.report("restore", e);
        }
    }
}
