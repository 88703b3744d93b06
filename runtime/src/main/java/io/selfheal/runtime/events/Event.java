package io.selfheal.runtime.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the healing log. Built with the fluent setters; fields left unset are not written.
 * Standard fields: {@code ts}, {@code type}, {@code target}, {@code class}, {@code method},
 * {@code exception}, {@code message}, {@code strategy}, {@code attempt}, {@code delayMs},
 * {@code durationMs}; anything else goes in with {@link #with}.
 */
public final class Event {
    private final long timestampMillis;
    private final EventType type;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Event(EventType type, long timestampMillis) {
        this.type = type;
        this.timestampMillis = timestampMillis;
    }

    public static Event of(EventType type) {
        return new Event(type, System.currentTimeMillis());
    }

    public static Event of(EventType type, long timestampMillis) {
        return new Event(type, timestampMillis);
    }

    public EventType type() {
        return type;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public Event target(String name) {
        return with("target", name);
    }

    public Event method(String className, String methodName) {
        return with("class", className).with("method", methodName);
    }

    public Event exception(Throwable t) {
        if (t != null) {
            with("exception", t.getClass().getName());
            with("message", t.getMessage());
        }
        return this;
    }

    public Event message(String message) {
        return with("message", message);
    }

    public Event strategy(String strategy) {
        return with("strategy", strategy);
    }

    public Event attempt(int attempt) {
        return with("attempt", attempt);
    }

    public Event durationMs(long ms) {
        return with("durationMs", ms);
    }

    public Event with(String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** The event as one line of JSON (no newline). */
    public String toJson() {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"ts\":\"");
        IsoInstant.append(timestampMillis, sb);
        sb.append("\",\"type\":\"").append(type.wireName()).append('"');
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            sb.append(",\"");
            Json.escape(e.getKey(), sb);
            sb.append("\":");
            Json.write(e.getValue(), sb);
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
