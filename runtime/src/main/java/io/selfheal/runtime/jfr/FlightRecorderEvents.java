package io.selfheal.runtime.jfr;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.engine.TargetStats;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.health.TargetHealth;
import java.util.Collection;
import jdk.jfr.FlightRecorder;

/**
 * The one class that calls the {@code jdk.jfr} API: makes a flight-recorder event from a healing-log
 * event, and registers the periodic {@code selfheal.TargetStats}. Loaded only once
 * {@link FlightRecorderGate} is open; each event is filled only when JFR says it will be kept.
 */
final class FlightRecorderEvents {
    private FlightRecorderEvents() {
    }

    /** Initializes every event class now, so no healing thread ever waits for another's initialization. */
    static void initializeEventClasses() throws ClassNotFoundException {
        for (Class<?> c : new Class<?>[] {RetryEvent.class, FallbackEvent.class, HealedEvent.class,
                HealingFailedEvent.class, CircuitTransitionEvent.class, ShortCircuitEvent.class, IsolationEvent.class,
                StateRestoredEvent.class, PatchEvent.class, AgentFaultEvent.class, DrillEvent.class,
                TargetStatsEvent.class}) {
            Class.forName(c.getName(), true, c.getClassLoader());
        }
        // The compiler's switch maps over EventType (FlightRecorderEvents$1, $2, ...): classes too.
        for (int i = 1; i < 10; i++) {
            try {
                Class.forName(FlightRecorderEvents.class.getName() + "$" + i, true, FlightRecorderEvents.class.getClassLoader());
            } catch (ClassNotFoundException none) {
                break;
            }
        }
    }

    /** Records the JFR event {@code e} maps to, when the recording wants it. */
    static void emit(Event e) {
        SelfhealEvent j = eventFor(e);
        if (j == null || !j.shouldCommit()) {
            return;
        }
        common(j, e);
        specific(j, e);
        j.commit();
    }

    /** The JFR event type of a healing-log type; null for those that are not healing decisions. */
    private static SelfhealEvent eventFor(Event e) {
        switch (e.type()) {
            case RETRY:
                return new RetryEvent();
            case FALLBACK:
                return new FallbackEvent();
            case HEALED:
                return new HealedEvent();
            case HEALING_FAILED:
                return new HealingFailedEvent();
            case CIRCUIT_OPENED:
            case CIRCUIT_HALF_OPEN:
            case CIRCUIT_CLOSED:
                return new CircuitTransitionEvent();
            case SHORT_CIRCUITED:
                return new ShortCircuitEvent();
            case ISOLATED:
            case RELEASED:
                return new IsolationEvent();
            case STATE_RESTORED:
            case CHECKPOINT_RESTORED:
                return new StateRestoredEvent();
            case PATCH_APPLIED:
            case PATCH_REJECTED:
            case PATCH_ROLLED_BACK:
                return new PatchEvent();
            case AGENT_FAULT:
                return new AgentFaultEvent();
            case DRILL_STARTED:
            case DRILL_ENDED:
                return new DrillEvent();
            default:
                return null;
        }
    }

    private static void common(SelfhealEvent j, Event e) {
        j.target = text(e, "target");
        String cls = text(e, "class");
        j.method = cls == null ? null : cls + "#" + text(e, "method");
        j.exception = text(e, "exception");
        j.attempt = (int) number(e, "attempt");
        j.delay = number(e, "delayMs");
        j.healingDuration = number(e, "durationMs");
        j.by = text(e, "by");
        j.message = text(e, "message");
    }

    private static void specific(SelfhealEvent j, Event e) {
        if (j instanceof RetryEvent r) {
            r.maxAttempts = (int) number(e, "maxAttempts");
            r.outcome = text(e, "outcome");
        } else if (j instanceof FallbackEvent f) {
            f.fallback = text(e, "fallback");
            f.outcome = text(e, "outcome");
        } else if (j instanceof HealedEvent h) {
            h.strategy = text(e, "strategy");
        } else if (j instanceof HealingFailedEvent h) {
            h.count = Math.max(1, number(e, "count"));
        } else if (j instanceof CircuitTransitionEvent c) {
            c.from = text(e, "from");
            c.to = switch (e.type()) {
                case CIRCUIT_OPENED -> "open";
                case CIRCUIT_HALF_OPEN -> "half-open";
                default -> "closed";
            };
            c.reason = text(e, "reason");
        } else if (j instanceof ShortCircuitEvent s) {
            s.reason = text(e, "reason");
            s.answer = text(e, "answer");
            s.count = number(e, "count");
        } else if (j instanceof IsolationEvent i) {
            i.isolated = e.type() == io.selfheal.runtime.events.EventType.ISOLATED;
            i.reason = text(e, "reason");
            i.isolatedFor = number(e, "forMs");
        } else if (j instanceof StateRestoredEvent s) {
            boolean checkpoint = e.type() == io.selfheal.runtime.events.EventType.CHECKPOINT_RESTORED;
            s.source = checkpoint ? "checkpoint" : "snapshot";
            s.fields = text(e, "fields");
            s.checkpoint = text(e, "id");
        } else if (j instanceof PatchEvent p) {
            p.action = switch (e.type()) {
                case PATCH_APPLIED -> "applied";
                case PATCH_REJECTED -> "rejected";
                default -> "rolled-back";
            };
            p.id = text(e, "id");
            p.classes = text(e, "classes");
            p.via = text(e, "via");
            p.reason = text(e, "reason");
        } else if (j instanceof DrillEvent d) {
            d.action = e.type() == io.selfheal.runtime.events.EventType.DRILL_STARTED ? "started" : "ended";
            d.fault = text(e, "fault");
            d.rate = e.get("rate") instanceof Number n ? n.doubleValue() : 0;
            d.touched = number(e, "touched");
            d.healed = number(e, "healed");
            d.unhealed = number(e, "unhealed");
            d.ended = text(e, "ended");
        } else if (j instanceof AgentFaultEvent a) {
            a.where = text(e, "where");
        }
    }

    /** A field as text: a list joins with commas. */
    private static String text(Event e, String key) {
        Object v = e.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder();
            for (Object o : c) {
                sb.append(sb.length() == 0 ? "" : ",").append(o);
            }
            return sb.toString();
        }
        return v.toString();
    }

    private static long number(Event e, String key) {
        return e.get(key) instanceof Number n ? n.longValue() : 0;
    }

    /** Adds {@code selfheal.TargetStats}: JFR calls it at each period of a recording that has it on. */
    static void registerTargetStats(HealingEngine engine, HealthMonitor health) {
        FlightRecorder.addPeriodicEvent(TargetStatsEvent.class, new Runnable() {
            @Override
            public void run() {
                for (TargetRuntime t : engine.targets()) {
                    TargetStatsEvent s = new TargetStatsEvent();
                    if (!s.shouldCommit()) {
                        return;
                    }
                    TargetStats c = t.stats();
                    TargetHealth h = health.health(t);
                    s.target = t.name();
                    s.calls = c.calls.sum();
                    s.failures = c.failures.sum();
                    s.healed = c.healed.sum();
                    s.unhealed = c.unhealed.sum();
                    s.retries = c.retries.sum();
                    s.fallbacks = c.fallbacks.sum();
                    s.shortCircuits = c.shortCircuits.sum();
                    s.circuit = t.circuitState().wireName();
                    s.isolated = t.isIsolated();
                    s.health = h.health().name();
                    s.errorRate = h.errorRate();
                    s.commit();
                }
            }
        });
    }
}
