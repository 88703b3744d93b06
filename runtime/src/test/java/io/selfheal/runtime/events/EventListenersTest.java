package io.selfheal.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventListenersTest {
    private final List<String> faults = new CopyOnWriteArrayList<>();
    private final FaultReporter reporter = (where, fault) -> faults.add(where + ": " + fault.getMessage());

    private static Event event(EventType type, String target, int attempt) {
        return Event.of(type, 0L).target(target).method("io.selfheal.api.SelfHeal", "call").attempt(attempt);
    }

    @Test
    void withoutAListenerNothingIsQueuedAndNothingDropped() {
        EventListeners l = new EventListeners(reporter, 2, false);
        for (int i = 0; i < 10; i++) {
            l.publish(event(EventType.RETRY, "quotes", i));
        }
        assertEquals(0, l.dropped());
    }

    @Test
    void listenersHearTheirTargetAndTypesInOrderAsTheLogsFields() throws Exception {
        EventListeners l = new EventListeners(reporter, 100, false);
        List<Map<String, Object>> quotes = new ArrayList<>();
        List<String> all = new ArrayList<>();
        l.subscribe("quotes", List.of("retry", "healed"), quotes::add);
        l.subscribe(null, null, f -> all.add(f.get("type") + "@" + f.get("target")));
        l.publish(event(EventType.RETRY, "quotes", 2));
        l.publish(event(EventType.FALLBACK, "quotes", 3));
        l.publish(event(EventType.RETRY, "other", 2));
        l.publish(event(EventType.HEALED, "quotes", 3));
        l.deliverQueued();
        assertEquals(2, quotes.size());
        assertEquals("retry", quotes.get(0).get("type"));
        assertEquals(2, quotes.get(0).get("attempt"));
        assertEquals("1970-01-01T00:00:00Z", quotes.get(0).get("ts"));
        assertEquals("io.selfheal.api.SelfHeal", quotes.get(0).get("class"));
        assertEquals("healed", quotes.get(1).get("type"));
        assertEquals(List.of("retry@quotes", "fallback@quotes", "retry@other", "healed@quotes"), all);
        assertThrows(UnsupportedOperationException.class, () -> quotes.get(0).put("x", 1), "read-only");
    }

    @Test
    void aTypeTheLogHasNotIsTheSubscribersMistakeSaidAtOnce() {
        EventListeners l = new EventListeners(reporter, 10, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.subscribe(null, List.of("retry", "retried"), f -> { }));
        assertTrue(e.getMessage().startsWith("no event type 'retried' in the healing log; its types are "), e.getMessage());
        assertTrue(e.getMessage().contains("circuit-opened"), e.getMessage());
    }

    @Test
    void aFullQueueDropsAndCountsRatherThanWaiting() {
        EventListeners l = new EventListeners(reporter, 2, false);
        List<Object> heard = new ArrayList<>();
        l.subscribe(null, null, f -> heard.add(f.get("attempt")));
        for (int i = 1; i <= 5; i++) {
            l.publish(event(EventType.RETRY, "quotes", i));
        }
        assertEquals(3, l.dropped());
        l.deliverQueued();
        assertEquals(List.of(1, 2), heard, "the oldest kept, in order");
    }

    @Test
    void aListenerThatThrowsIsReportedAndTheOthersStillHear() {
        EventListeners l = new EventListeners(reporter, 10, false);
        List<Object> heard = new ArrayList<>();
        l.subscribe(null, null, f -> {
            throw new IllegalStateException("listener bug");
        });
        l.subscribe(null, null, f -> heard.add(f.get("attempt")));
        l.publish(event(EventType.RETRY, "quotes", 1));
        l.publish(event(EventType.RETRY, "quotes", 2));
        l.deliverQueued();
        assertEquals(List.of(1, 2), heard);
        assertEquals(List.of("event-listener: listener bug", "event-listener: listener bug"), faults,
                "each reported; AgentFaults logs a kind once");
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() throws Exception {
        EventListeners l = new EventListeners(reporter, 10, false);
        List<Object> heard = new ArrayList<>();
        AutoCloseable s = l.subscribe(null, null, f -> heard.add(f.get("attempt")));
        l.publish(event(EventType.RETRY, "quotes", 1));
        l.deliverQueued();
        s.close();
        l.publish(event(EventType.RETRY, "quotes", 2));
        l.deliverQueued();
        assertEquals(List.of(1), heard);
    }

    @Test
    void theListenerThreadDeliversOffThePublishingThread() throws Exception {
        EventListeners l = new EventListeners(reporter);
        CountDownLatch heard = new CountDownLatch(1);
        String[] thread = new String[1];
        l.subscribe(null, null, f -> {
            thread[0] = Thread.currentThread().getName();
            heard.countDown();
        });
        l.publish(event(EventType.RETRY, "quotes", 1));
        assertTrue(heard.await(30, TimeUnit.SECONDS));
        assertEquals("selfheal-listeners", thread[0]);
    }
}
