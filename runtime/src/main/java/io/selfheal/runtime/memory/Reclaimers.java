package io.selfheal.runtime.memory;

import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.ReclaimerEntry;
import io.selfheal.runtime.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reclaimers in config order, each run at most once per {@code cooldown} (the retry of an
 * {@code OutOfMemoryError} runs them whatever their cooldown: it cannot wait). A reclaimer that
 * throws is reported in its outcome and the next one still runs. Used by the memory thread only.
 */
final class Reclaimers {
    /** What one reclaimer did in one run. */
    record Outcome(String name, String outcome, long durationMs, String error) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("outcome", outcome);
            m.put("durationMs", durationMs);
            if (error != null) {
                m.put("error", error);
            }
            return m;
        }
    }

    private final List<Reclaimer> all = new ArrayList<>();
    private final Map<String, Long> lastRunMillis = new LinkedHashMap<>();
    private final long cooldownMillis;
    private final Clock clock;

    Reclaimers(List<ReclaimerEntry> entries, long cooldownMillis, Clock clock) {
        for (ReclaimerEntry e : entries) {
            all.add(new Reclaimer(e));
        }
        this.cooldownMillis = cooldownMillis;
        this.clock = clock;
    }

    List<Reclaimer> all() {
        return all;
    }

    Reclaimer named(String name) {
        for (Reclaimer r : all) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** True when some ready reclaimer (or the one named) is past its cooldown. */
    boolean anyDue(String only) {
        long now = clock.currentTimeMillis();
        for (Reclaimer r : all) {
            if ((only == null || r.name().equals(only)) && r.state() == Reclaimer.State.READY && due(r, now)) {
                return true;
            }
        }
        return false;
    }

    private boolean due(Reclaimer r, long now) {
        Long last = lastRunMillis.get(r.name());
        return last == null || now - last >= cooldownMillis;
    }

    /**
     * Runs, in order, the ready reclaimers (all, or the one named) that are past their cooldown,
     * or all of them when {@code ignoreCooldown}. Those not ready are listed as {@code not-loaded}
     * or {@code invalid}; those cooling down as {@code cooldown}.
     */
    List<Outcome> run(String only, double pressure, boolean ignoreCooldown) {
        List<Outcome> out = new ArrayList<>();
        for (Reclaimer r : all) {
            if (only != null && !r.name().equals(only)) {
                continue;
            }
            if (r.state() == Reclaimer.State.PENDING) {
                out.add(new Outcome(r.name(), "not-loaded", 0, null));
                continue;
            }
            if (r.state() == Reclaimer.State.INVALID) {
                out.add(new Outcome(r.name(), "invalid", 0, r.problem()));
                continue;
            }
            long now = clock.currentTimeMillis();
            if (!ignoreCooldown && !due(r, now)) {
                out.add(new Outcome(r.name(), "cooldown", 0, null));
                continue;
            }
            lastRunMillis.put(r.name(), now);
            long start = clock.nanoTime();
            String error = null;
            boolean began = ReentryGuard.begin();   // a woven reclaimer runs as it is, not healed by the agent
            try {
                r.run(pressure);
            } catch (Throwable t) {
                error = String.valueOf(t);
            } finally {
                ReentryGuard.end(began);
            }
            long ms = (clock.nanoTime() - start) / 1_000_000;
            out.add(new Outcome(r.name(), error == null ? "ok" : "failed", ms, error));
        }
        return out;
    }
}
