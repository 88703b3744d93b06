package io.selfheal.runtime.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fans events out to every subscribed sink. A sink that throws is skipped for that event. */
public final class EventBus implements EventSink {
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();

    public void subscribe(EventSink sink) {
        sinks.add(sink);
    }

    public void unsubscribe(EventSink sink) {
        sinks.remove(sink);
    }

    @Override
    public void publish(Event event) {
        for (EventSink s : sinks) {
            try {
                s.publish(event);
            } catch (RuntimeException e) {
                // A broken sink must not stop the others or reach the application.
            }
        }
    }

    @Override
    public void flush() {
        for (EventSink s : sinks) {
            try {
                s.flush();
            } catch (RuntimeException e) {
                // as above
            }
        }
    }
}
