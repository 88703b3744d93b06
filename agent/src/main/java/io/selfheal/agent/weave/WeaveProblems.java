package io.selfheal.agent.weave;

import io.selfheal.runtime.config.YamlNode;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;

/**
 * Reports a config problem found while the application runs (at weave time or at shutdown), the
 * one way every checker does: a stderr line naming the config's line and column, the target and
 * the key, and a {@code config-problem} event with the same facts. Reporting never changes what
 * the application does; the checker decides what is left out.
 */
final class WeaveProblems {
    private final EventSink events;

    WeaveProblems(EventSink events) {
        this.events = events;
    }

    /**
     * One problem.
     *
     * @param target the target's name, or {@code null} for a top-level block
     * @param location where in the config the offending entry is, or {@code null}
     * @param key the key, as {@code restore.fields}
     * @param className the class it was found in, or {@code null} when it is not about one class
     * @param methodName the method it was found in, or {@code null}
     * @param field the field it names, or {@code null}
     * @param problem what is wrong (the event's message)
     * @param consequence what the agent does about it, for the stderr line only ({@code null}: nothing to add)
     */
    record Problem(String target, YamlNode location, String key, String className, String methodName, String field,
            String problem, String consequence) {
    }

    void report(Problem p) {
        String where = p.location() == null ? ""
                : "line " + p.location().line() + ", column " + p.location().column() + ": ";
        String subject = p.key() + (p.className() == null ? ""
                : " of " + p.className() + (p.methodName() == null ? "" : "#" + p.methodName()));
        System.err.println("[selfheal] config problem: " + where + (p.target() == null ? "" : "target '" + p.target()
                + "', ") + subject + ": " + p.problem() + (p.consequence() == null ? "" : "; " + p.consequence()));
        events.publish(Event.of(EventType.CONFIG_PROBLEM).target(p.target()).method(p.className(), p.methodName())
                .with("line", p.location() == null ? null : p.location().line())
                .with("column", p.location() == null ? null : p.location().column())
                .with("key", p.key()).with("field", p.field()).message(p.problem()));
    }
}
