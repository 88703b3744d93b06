package io.selfheal.runtime.lookahead;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The agent's memory across restarts: the state loaded at start, and a save (at an interval and
 * at shutdown) that lets every registered part of the agent lay its current state over it. A
 * section no live part owns is carried forward unchanged, so nothing remembered is lost because
 * a feature was not in use during one run.
 */
public final class StateMemory {
    private final StateStore store;
    private final LongSupplier clock;
    private final List<UnaryOperator<AgentState>> contributors = new CopyOnWriteArrayList<>();
    private volatile AgentState current;

    public StateMemory(StateStore store, LongSupplier epochMillis) {
        this.store = store;
        this.clock = epochMillis;
    }

    /** Loads the saved state (never fails; see {@link StateStore#load}). */
    public AgentState load() {
        current = store.load();
        return current;
    }

    /** What was loaded, or last saved. */
    public AgentState current() {
        AgentState c = current;
        return c == null ? AgentState.empty() : c;
    }

    /** A part of the agent that puts its live state into each save, e.g. {@code s -> s.withCircuits(...)}. */
    public void contribute(UnaryOperator<AgentState> contributor) {
        contributors.add(contributor);
    }

    /** Collects every contribution and writes the file atomically. */
    public synchronized AgentState save() throws IOException {
        AgentState next = current();
        for (UnaryOperator<AgentState> c : contributors) {
            next = c.apply(next);
        }
        next = next.withSavedAt(clock.getAsLong());
        store.save(next);
        current = next;
        return next;
    }

    public StateStore store() {
        return store;
    }
}
