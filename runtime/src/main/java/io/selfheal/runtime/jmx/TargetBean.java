package io.selfheal.runtime.jmx;

import io.selfheal.runtime.engine.Drill;
import io.selfheal.runtime.engine.DrillReport;
import io.selfheal.runtime.engine.DrillSpec;
import io.selfheal.runtime.engine.Drills;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.LatencyRecorder;
import io.selfheal.runtime.lookahead.LookAhead;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.engine.TargetStats;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.predict.Prediction;
import java.time.Instant;

/**
 * The implementation behind {@code io.selfheal:type=Target,name=...}. It finds its target by name
 * on every read, so after a config reload it shows the target now in force.
 */
public class TargetBean implements TargetMXBean {
    private final String name;
    private final HealingEngine engine;
    private final HealthMonitor health;

    public TargetBean(String name, HealingEngine engine, HealthMonitor health) {
        this.name = name;
        this.engine = engine;
        this.health = health;
    }

    private TargetRuntime target() {
        TargetRuntime t = engine.target(name);
        if (t == null) {
            throw new IllegalStateException("target '" + name + "' is no longer configured");
        }
        return t;
    }

    private TargetStats stats() {
        return target().stats();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getCalls() {
        return stats().calls.sum();
    }

    @Override
    public long getFailures() {
        return stats().failures.sum();
    }

    @Override
    public long getHealed() {
        return stats().healed.sum();
    }

    @Override
    public long getUnhealed() {
        return stats().unhealed.sum();
    }

    @Override
    public long getRetries() {
        return stats().retries.sum();
    }

    @Override
    public long getFallbacks() {
        return stats().fallbacks.sum();
    }

    @Override
    public long getShortCircuits() {
        return stats().shortCircuits.sum();
    }

    @Override
    public long getRateLimited() {
        return stats().rateLimited.sum();
    }

    @Override
    public long getHedges() {
        return stats().hedges.sum();
    }

    @Override
    public long getHedgeWins() {
        return stats().hedgeWins.sum();
    }

    @Override
    public long getHedgesDropped() {
        return stats().hedgesDropped.sum();
    }

    @Override
    public String getCircuitState() {
        return target().circuitState().name();
    }

    @Override
    public int getFailuresInWindow() {
        return target().failuresInWindow();
    }

    @Override
    public boolean isIsolated() {
        return target().isIsolated();
    }

    @Override
    public String getHealth() {
        return health.health(target()).health().name();
    }

    @Override
    public double getErrorRate() {
        return health.health(target()).errorRate();
    }

    @Override
    public String getLastErrorType() {
        TargetStats.LastError e = stats().lastError();
        return e == null ? null : e.type();
    }

    @Override
    public String getLastErrorMessage() {
        TargetStats.LastError e = stats().lastError();
        return e == null ? null : e.message();
    }

    @Override
    public String getLastErrorTime() {
        TargetStats.LastError e = stats().lastError();
        return e == null ? null : Instant.ofEpochMilli(e.timestampMillis()).toString();
    }

    @Override
    public boolean isLatencyMeasured() {
        return target().latency() != null;
    }

    @Override
    public double getLatencyP50Millis() {
        LatencyRecorder l = target().latency();
        return l == null ? -1 : l.percentileMillis(0.50);
    }

    @Override
    public double getLatencyP99Millis() {
        LatencyRecorder l = target().latency();
        return l == null ? -1 : l.percentileMillis(0.99);
    }

    @Override
    public double getFailureProbability() {
        Prediction p = prediction();
        return p == null ? -1 : p.probability();
    }

    @Override
    public double getPredictionConfidence() {
        Prediction p = prediction();
        return p == null ? -1 : p.confidence();
    }

    @Override
    public String[] getPredictionFactors() {
        Prediction p = prediction();
        return p == null ? new String[0] : p.factors().toArray(new String[0]);
    }

    /** The target's latest prediction, or null when it does not predict (or nothing looks ahead). */
    private Prediction prediction() {
        LookAhead l = LookAhead.runningFor(engine);
        TargetRuntime t = target();
        return l == null || !t.config().predicts() ? null : l.prediction(name);
    }

    @Override
    public int getConcurrencyLimit() {
        return target().concurrencyLimit();
    }

    @Override
    public int getInFlight() {
        return target().inFlight();
    }

    @Override
    public long getConcurrencyLimited() {
        return target().concurrencyLimitedCalls();
    }

    @Override
    public void resetCircuit() {
        target().resetCircuit();   // the runtime logs the circuit-closed event, marked by: operator
    }

    @Override
    public void isolate() {
        target().isolate();   // the runtime logs the isolated event, marked by: operator
    }

    @Override
    public void release() {
        target().release();   // the runtime logs the released event, marked by: operator
    }

    @Override
    public long getDrillFaults() {
        return stats().drillFaults.sum();
    }

    @Override
    public String startDrill(String line) {
        String[] options = DrillOptions.split(line);
        DrillSpec spec = DrillSpec.parse(java.util.Arrays.asList(options));
        try {
            return engine.drills().start(target(), spec).report().toJson();
        } catch (Drills.Refused refused) {
            throw new IllegalStateException(refused.getMessage());
        }
    }

    @Override
    public String stopDrill() {
        Drill d = engine.drills().stop(name, "drill-stop");
        if (d == null) {
            return null;
        }
        try {
            DrillReport r = d.awaitReport(STOP_WAIT_MILLIS);
            return (r != null ? r : d.report()).toJson();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return d.report().toJson();
        }
    }

    /** How long drill-stop waits for touched calls still running before it answers with the counts so far. */
    private static final long STOP_WAIT_MILLIS = 10_000;

    @Override
    public String getDrillReport() {
        DrillReport r = engine.drills().report(name);
        return r == null ? null : r.toJson();
    }
}
