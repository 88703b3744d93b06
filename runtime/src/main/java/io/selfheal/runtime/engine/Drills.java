package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.DrillsConfig;
import io.selfheal.runtime.config.Durations;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drills of one engine: at most one per target, each with its own daemon thread that ends it
 * at its time, and the last report of each target. A drill is refused, with the reason, unless
 * {@code drills.enabled}; its rate and duration are capped by {@code drills.max-rate} and
 * {@code max-duration}. All drills end on a config reload and at the JVM's exit.
 */
public final class Drills {
    /** How long the end of a drill waits for touched calls still running (a retry's backoff, a latency). */
    static final long GRACE_MILLIS = 30_000;
    /** The same at the JVM's exit, where the shutdown must not be held up. */
    static final long EXIT_GRACE_MILLIS = 1_000;

    private final Clock clock;
    private final HealingEvents events;
    private volatile DrillsConfig config;
    private final Map<String, Drill> running = new ConcurrentHashMap<>();
    private final Map<String, DrillReport> last = new ConcurrentHashMap<>();
    /**
     * A touched call between {@code enter} (which decided) and {@code shortCircuit} (which injects),
     * on the calling thread. Read only while {@link #active} says a drill may have left one.
     */
    private final ThreadLocal<CallState> pending = new ThreadLocal<>();
    private volatile int active;

    Drills(Clock clock, HealingEvents events, DrillsConfig config) {
        this.clock = clock;
        this.events = events;
        this.config = config == null ? DrillsConfig.DEFAULT : config;
    }

    /** Refused: the reason is for the operator. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    /**
     * Starts a drill on {@code target}.
     *
     * @throws Refused when drills are off, a drill already runs on the target, or the request is bad
     */
    public synchronized Drill start(TargetRuntime target, DrillSpec spec) throws Refused {
        DrillsConfig c = config;
        if (!c.enabled()) {
            throw new Refused("drills are off in this JVM: set drills.enabled: true in the config to allow them");
        }
        if (target == null) {
            throw new Refused("no such target");
        }
        Drill now = running.get(target.name());
        if (now != null) {
            throw new Refused("a drill already runs on target '" + target.name() + "' (" + now.spec().describe()
                    + "); stop it first with drill-stop");
        }
        double rate = Math.min(spec.rate(), c.maxRate());
        Duration forDuration = spec.duration().compareTo(c.maxDuration()) > 0 ? c.maxDuration() : spec.duration();
        if (rate <= 0) {
            throw new Refused("drills.max-rate is 0: no call may be touched");
        }
        Drill drill = new Drill(target, spec, rate, forDuration.toNanos(), clock);
        running.put(target.name(), drill);
        active++;
        target.drillStarted(drill);
        Event started = events.event(EventType.DRILL_STARTED, target).with("drill", true)
                .with("fault", spec.describe()).with("rate", rate).with("forMs", forDuration.toMillis());
        if (spec.calls() > 0) {
            started.with("calls", spec.calls());
        }
        if (rate < spec.rate()) {
            started.with("requestedRate", spec.rate());
        }
        if (forDuration.compareTo(spec.duration()) < 0) {
            started.with("requestedForMs", spec.duration().toMillis());
        }
        events.publish(started.message("drill on " + target.name() + ": " + spec.describe() + ", rate "
                + rate + ", for " + Durations.format(forDuration)));
        Thread t = new Thread(() -> {
            drill.awaitEnd();
            end(drill, GRACE_MILLIS);
        }, "selfheal-drill-" + target.name());
        t.setDaemon(true);
        t.start();
        return drill;
    }

    /** Ends the drill's report: published once, kept as the target's last. */
    private void end(Drill drill, long graceMillis) {
        DrillReport r = drill.finish(graceMillis);
        if (r == null) {
            return;   // another thread is ending it
        }
        synchronized (this) {
            if (running.remove(drill.target().name(), drill)) {
                active--;
            }
            last.put(drill.target().name(), r);
        }
        Event ended = events.event(EventType.DRILL_ENDED, drill.target()).with("drill", true);
        for (Map.Entry<String, Object> e : r.fields().entrySet()) {
            if (!e.getKey().equals("target")) {
                ended.with(e.getKey(), e.getValue());
            }
        }
        ended.with("report", r.fields());
        events.publish(ended.message("drill on " + r.target() + " ended (" + r.ended() + "): "
                + r.touched() + " touched, " + r.healed() + " healed, " + r.unhealed() + " unhealed"));
        drill.published();
    }

    /** Asks the target's drill to end; {@code null} when none runs. */
    public Drill stop(String targetName, String reason) {
        Drill d = running.get(targetName);
        if (d != null) {
            d.requestEnd(reason);
        }
        return d;
    }

    /** The running drill on the target, or {@code null}. */
    public Drill running(String targetName) {
        return running.get(targetName);
    }

    /** The running drill's report so far, else the target's last drill's, else {@code null}. */
    public DrillReport report(String targetName) {
        Drill d = running.get(targetName);
        return d != null ? d.report() : last.get(targetName);
    }

    /** A config reload: every drill ends, and the new {@code drills:} applies to the next ones. */
    public void reconfigure(DrillsConfig next) {
        for (Drill d : new ArrayList<>(running.values())) {
            d.requestEnd("config-reload");
        }
        config = next == null ? DrillsConfig.DEFAULT : next;
    }

    /** The JVM's exit: every drill ends now, its report published before the event log's last flush. */
    public void endAll(String reason) {
        List<Drill> all = new ArrayList<>(running.values());
        for (Drill d : all) {
            d.requestEnd(reason);
            d.hurry(EXIT_GRACE_MILLIS);
        }
        for (Drill d : all) {
            end(d, EXIT_GRACE_MILLIS);
            try {
                d.awaitReport(2 * EXIT_GRACE_MILLIS);   // when the drill's own thread is ending it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---------------------------------------------------------------- for the pipeline

    boolean anyActive() {
        return active > 0;
    }

    void pend(CallState call) {
        pending.set(call);
    }

    /** The touched call {@code enter} left for {@code shortCircuit} on this thread, or {@code null}. */
    CallState takePending() {
        CallState c = pending.get();
        if (c != null) {
            pending.remove();
        }
        return c;
    }
}
