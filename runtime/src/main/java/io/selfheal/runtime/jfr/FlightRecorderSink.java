package io.selfheal.runtime.jfr;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.health.HealthMonitor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Healing decisions as JDK Flight Recorder events ({@code selfheal.*}, category "selfheal"),
 * subscribed to the event bus beside the healing log, so every event is formed once and a JFR
 * event always has its log line. It runs on the thread that published (the healing one, never a
 * call that succeeded: no event is formed on the success path). Until a recording may be on
 * ({@link FlightRecorderGate}) it answers from its own fields and loads nothing of
 * {@code jdk.jfr}; a JFR that fails (a runtime without the module) is one agent fault, then off.
 */
public final class FlightRecorderSink implements EventSink {
    private final HealingEngine engine;
    private final HealthMonitor health;
    private final FlightRecorderGate gate;
    private volatile boolean broken;
    private volatile boolean statsRegistered;
    /** The JFR event classes are initialized and TargetStats registered: events may be emitted. */
    private volatile boolean ready;
    private final AtomicBoolean readying = new AtomicBoolean();
    private final CountDownLatch readied = new CountDownLatch(1);

    public FlightRecorderSink(HealingEngine engine, HealthMonitor health) {
        this(engine, health, new FlightRecorderGate());
    }

    FlightRecorderSink(HealingEngine engine, HealthMonitor health, FlightRecorderGate gate) {
        this.engine = engine;
        this.health = health;
        this.gate = gate;
        recorded(EventType.RETRY);   // its switch map initialized here, never raced for by healing threads
    }

    @Override
    public void publish(Event event) {
        if (broken || !recorded(event.type()) || !gate.open() || !ready && !awaitReady()) {
            return;
        }
        try {
            FlightRecorderEvents.emit(event);
        } catch (Throwable t) {
            off(t);
        }
    }

    /**
     * Asked now and then off the application's threads (the health sampler's tick): a recording
     * started after the agent gets its periodic {@code selfheal.TargetStats} even when nothing heals.
     */
    public void poll() {
        if (broken || ready || !gate.open()) {
            return;
        }
        awaitReady();
    }

    /**
     * Readies JFR once, on a platform thread of the agent's ({@code selfheal-jfr-init}), while every
     * publisher waits (parks) for it: a virtual thread that waited for another thread's
     * initialization of an event class would pin its carrier (seen on JDK 25). At most 5 s; an event
     * that finds JFR not ready by then is not recorded.
     */
    private boolean awaitReady() {
        if (readying.compareAndSet(false, true)) {
            Thread t = new Thread(this::getReady, "selfheal-jfr-init");
            t.setDaemon(true);
            t.start();
        }
        try {
            readied.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the caller's own interrupt, kept for it
            return false;
        }
        return ready;
    }

    private void getReady() {
        try {
            FlightRecorderEvents.initializeEventClasses();
            registerStatsOnce();
            ready = true;
        } catch (Throwable t) {
            off(t);
        } finally {
            readied.countDown();
        }
    }

    /**
     * At the agent's start: a recording to disk from the JVM's start gets its TargetStats before the
     * first tick. Asks only the cheap half of the gate, so a JVM without a recording pays a
     * property read here, not the look at its command line.
     */
    public void pollAtStart() {
        if (gate.openedByRepository()) {
            poll();
        }
    }

    private void registerStatsOnce() {
        if (!statsRegistered) {
            synchronized (this) {
                if (!statsRegistered) {
                    FlightRecorderEvents.registerTargetStats(engine, health);
                    statsRegistered = true;
                }
            }
        }
    }

    private void off(Throwable why) {
        if (!broken) {
            broken = true;   // first: the fault's own event comes back through publish
            engine.fault("flight recorder events", why);
        }
    }

    /** The healing-log types that have a flight-recorder event. */
    static boolean recorded(EventType type) {
        switch (type) {
            case RETRY:
            case FALLBACK:
            case HEALED:
            case HEALING_FAILED:
            case CIRCUIT_OPENED:
            case CIRCUIT_HALF_OPEN:
            case CIRCUIT_CLOSED:
            case SHORT_CIRCUITED:
            case ISOLATED:
            case RELEASED:
            case STATE_RESTORED:
            case CHECKPOINT_RESTORED:
            case PATCH_APPLIED:
            case PATCH_REJECTED:
            case PATCH_ROLLED_BACK:
            case AGENT_FAULT:
            case DRILL_STARTED:
            case DRILL_ENDED:
                return true;
            default:
                return false;
        }
    }
}
