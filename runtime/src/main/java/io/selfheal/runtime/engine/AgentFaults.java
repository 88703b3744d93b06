package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.FaultReporter;
import io.selfheal.runtime.events.EventType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Faults inside the agent's own code. Each kind (where it happened plus the exception type) is
 * logged once, as an {@code agent-fault} event and on stderr; all are counted.
 */
public final class AgentFaults implements FaultReporter {
    private final EventSink events;
    private final Set<String> reportedKinds = ConcurrentHashMap.newKeySet();
    private final LongAdder count = new LongAdder();

    public AgentFaults(EventSink events) {
        this.events = events;
    }

    @Override
    public void report(String where, Throwable fault) {
        // Everything inside the try: a fault reported near the end of the stack (a
        // StackOverflowError) may overflow again here, and that must not escape either.
        boolean began = false;
        try {
            count.increment();
            String kind = where + ":" + fault.getClass().getName();
            if (!reportedKinds.add(kind)) {
                return;
            }
            began = ReentryGuard.begin();   // the stack trace reads the exception's own toString()
            StringWriter trace = new StringWriter();
            fault.printStackTrace(new PrintWriter(trace));
            String text = trace.toString();
            events.publish(Event.of(EventType.AGENT_FAULT).with("where", where).exception(fault)
                    .with("stack", text.length() > 4000 ? text.substring(0, 4000) : text));
            System.err.println("[selfheal] agent fault in " + where + " (the application goes on as if"
                    + " unwoven; further faults of this kind are counted, not logged): " + fault);
        } catch (Throwable ignored) {
            // reporting must never be the second fault
        } finally {
            ReentryGuard.end(began);
        }
    }

    public long count() {
        return count.sum();
    }
}
