package io.selfheal.runtime.events;

/** Where events go. Implementations must never throw into the caller and never block it for long. */
public interface EventSink {
    void publish(Event event);

    /** Writes out whatever is buffered; called at shutdown. */
    default void flush() {
    }

    /** Drops every event. An anonymous class, not a lambda: no method-handle spinning at agent start. */
    EventSink NONE = new EventSink() {
        @Override
        public void publish(Event event) {
        }
    };
}
