package io.selfheal.api;

import java.util.Map;

/**
 * One event of the healing log, as an object: the same event, with the same fields, as the JSON
 * line the agent writes (docs/events.md).
 *
 * @param type the event type, as the log writes it: {@code retry}, {@code healed}, {@code fallback},
 *     {@code circuit-opened}, ...
 * @param target the target's name; {@code null} for events about the agent as a whole
 * @param method the method's name ({@code call} for a block run through {@link SelfHeal}); may be null
 * @param exception the class name of the exception the event is about; may be null
 * @param attempt the attempt the event is about (1 is the first run); 0 when it is about none
 * @param fields every field of the log's line, {@code ts} and {@code type} included; read-only
 */
public record HealingEvent(String type, String target, String method, String exception, int attempt,
        Map<String, Object> fields) {

    /** The event made from the fields of the log's line. */
    static HealingEvent of(Map<String, Object> fields) {
        Object attempt = fields.get("attempt");
        return new HealingEvent(text(fields.get("type")), text(fields.get("target")), text(fields.get("method")),
                text(fields.get("exception")), attempt instanceof Number n ? n.intValue() : 0, fields);
    }

    /** When it happened: ISO-8601 in UTC, as the log's {@code ts}. */
    public String timestamp() {
        return text(fields.get("ts"));
    }

    /** The class of the method ({@code io.selfheal.api.SelfHeal} for a block run through {@link SelfHeal}); may be null. */
    public String className() {
        return text(fields.get("class"));
    }

    /** The exception's message, or the event's own text; may be null. */
    public String message() {
        return text(fields.get("message"));
    }

    /** The strategy that acted ({@code retry}, {@code fallback}, {@code circuit-breaker}, ...); may be null. */
    public String strategy() {
        return text(fields.get("strategy"));
    }

    /** Any field of the log's line by its name, or null. */
    public Object field(String name) {
        return fields.get(name);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
