package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The state steps in the engine's chain: where they run and what they cost. */
class StateHealingEngineTest {

    public static class Cart {
        public List<String> items = new ArrayList<>();
        public int total;
        public static List<String> shared = new ArrayList<>();
    }

    private final List<Event> events = new ArrayList<>();

    private HealingEngine engine(String yaml) throws Exception {
        return new HealingEngine(ConfigLoader.parse(yaml, "test.yaml"), events::add, new HealingEngineTest.FakeClock());
    }

    private List<String> types() {
        return events.stream().map(e -> e.type().wireName()).collect(Collectors.toList());
    }

    private int site(HealingEngine e, String target) {
        return e.registerSite(target, Cart.class.getName(), "add", "()V", getClass().getClassLoader(),
                e.target(target).config().fallback());
    }

    @Test
    void aTargetWithoutRestoreGetsNoTokenAtEntry() throws Exception {
        HealingEngine e = engine("""
                targets:
                  - { name: t, class: A, retry: { max-attempts: 2 } }
                """);
        int site = site(e, "t");
        assertNull(e.enter(site, new Cart()), "nothing is allocated for a call that does not restore");
    }

    @Test
    void restoreRunsBeforeRetryAndEveryRetryStartsFromTheEntrySnapshot() throws Exception {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                    restore: { fields: [ items, total ] }
                """);
        int site = site(e, "t");
        e.enableRestore(site, List.of("items", "total"));
        Cart cart = new Cart();
        cart.items.add("pen");
        Object token = e.enter(site, cart);
        assertTrue(token instanceof Retry);
        for (int attempt = 1; attempt <= 2; attempt++) {
            cart.items.add("book" + attempt);
            cart.total += 10;
            Object r = e.failure(site, token, cart, new IOException("down"), new Object[0]);
            assertSame(token, r, "the same call state carries the snapshot across retries");
            assertEquals(List.of("pen"), cart.items);
            assertEquals(0, cart.total);
        }
        e.success(site, token);
        assertEquals(List.of("error-detected", "state-restored", "retry", "error-detected", "state-restored", "retry",
                "healed"), types());
    }

    @Test
    void aSuccessfulCallWithASnapshotIsNotReportedHealed() throws Exception {
        HealingEngine e = engine("""
                targets:
                  - { name: t, class: A, restore: { fields: [ items ] } }
                """);
        int site = site(e, "t");
        e.enableRestore(site, List.of("items"));
        e.success(site, e.enter(site, new Cart()));
        assertTrue(events.isEmpty(), types().toString());
    }

    @Test
    void theLatestCheckpointThenTheCallsOwnSnapshotAreRestoredBeforeTheFallback() throws Exception {
        HealingEngine e = engine("""
                checkpoints:
                  state: [ { class: %s, fields: [ shared ] } ]
                targets:
                  - name: t
                    class: A
                    restore: { fields: [ items ], on: [ java.lang.IllegalStateException ] }
                    restore-checkpoint: { on: [ java.lang.IllegalStateException ] }
                    fallback: [ { value: 1 } ]
                """.formatted(Cart.class.getName()));
        e.checkpoints().classWoven(Cart.class.getName(), getClass().getClassLoader(), List.of("shared"));
        int site = site(e, "t");
        e.enableRestore(site, List.of("items"));
        Cart.shared.clear();
        Cart.shared.add("kept");
        e.checkpoints().create("test");
        events.clear();

        Cart cart = new Cart();
        Object token = e.enter(site, cart);
        Cart.shared.add("corrupt");
        cart.items.add("half");
        Object r = e.failure(site, token, cart, new IllegalStateException("boom"), new Object[0]);
        assertEquals(List.of("kept"), Cart.shared);
        assertTrue(cart.items.isEmpty());
        assertTrue(r != Healing.RETHROW);
        List<String> t = types();
        assertTrue(t.indexOf("checkpoint-restored") < t.indexOf("state-restored")
                && t.indexOf("state-restored") < t.indexOf("fallback"), t.toString());

        events.clear();
        Object token2 = e.enter(site, cart);
        cart.items.add("io");
        e.failure(site, token2, cart, new IOException("not named in on:"), new Object[0]);
        assertEquals(List.of("io"), cart.items, "a failure the filters do not name restores nothing");
        assertTrue(!types().contains("state-restored") && !types().contains("checkpoint-restored"), types().toString());
    }
}
