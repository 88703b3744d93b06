package io.selfheal.runtime.engine;

import io.selfheal.runtime.lookahead.EnginePolicyActions;
import io.selfheal.runtime.lookahead.RememberedGuards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOutcome;
import io.selfheal.runtime.lookahead.AgentState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy actions on a real engine, and the engine's part of the state memory, with a fake clock. */
class PolicyActionsAndMemoryTest {
    @TempDir
    Path dir;

    private final EngineFixture fixture = new EngineFixture();
    private final List<Event> events = fixture.events;
    private final HealingEngineTest.FakeClock clock = fixture.clock;

    private HealingEngine engine(String yaml) throws Exception {
        return fixture.engine(yaml);
    }

    private List<Event> of(EventType t) {
        return fixture.of(t);
    }

    /** Records what it was asked; applies whatever exists, rolls back what it applied. */
    static final class FakeApplier implements PatchApplier {
        final List<String> calls = new ArrayList<>();
        final List<PatchInfo> applied = new ArrayList<>();

        @Override
        public PatchOutcome apply(Path jar, String via) {
            calls.add("apply " + jar.getFileName() + " via " + via);
            if (!Files.isRegularFile(jar)) {
                return PatchOutcome.refused(null, "no such file");
            }
            String id = jar.getFileName().toString().replace(".jar", "");
            applied.add(new PatchInfo(id, "", List.of("com.acme.A"), jar.toString(), "2026-01-01T00:00:00Z", "applied"));
            return PatchOutcome.done(id, "applied");
        }

        @Override
        public PatchOutcome rollback(String id, String via) {
            calls.add("rollback " + id + " via " + via);
            return applied.removeIf(p -> p.getId().equals(id)) ? PatchOutcome.done(id, "rolled back")
                    : PatchOutcome.refused(id, "not applied");
        }

        @Override
        public List<PatchInfo> patches() {
            return List.copyOf(applied);
        }
    }

    @Test
    void thePolicyActionsMoveTheRealBreakerAndIsolationAndSayWhoDidIt() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    circuit-breaker: { open-for: 30s }
                    fallback: [ { value: "cached" } ]
                """);
        int site = e.registerSite("t", "A", "m", "()Ljava/lang/String;", getClass().getClassLoader(),
                e.target("t").config().fallback());
        EnginePolicyActions policy = new EnginePolicyActions(e);
        policy.openCircuit("t");
        assertSame(Healing.SHORT_CIRCUIT, e.enter(site, null), "an open circuit short-circuits the woven call");
        assertEquals("policy", of(EventType.CIRCUIT_OPENED).get(0).get("by"));
        policy.closeCircuit("t");
        assertEquals(CircuitState.CLOSED, e.target("t").circuitState());
        assertEquals("policy", of(EventType.CIRCUIT_CLOSED).get(0).get("by"));
        new EnginePolicyActions(e, Initiator.PREDICTION, List.of()).isolate("t");
        assertTrue(e.target("t").isIsolated());
        assertEquals("prediction", of(EventType.ISOLATED).get(0).get("by"));
        policy.release("t");
        assertEquals("policy", of(EventType.RELEASED).get(0).get("by"));
        IllegalStateException noPatching = assertThrows(IllegalStateException.class,
                () -> policy.applyPatch("t", "fix-1"));
        assertTrue(noPatching.getMessage().contains("hot patching is not running"), noPatching.getMessage());
        IllegalStateException noCheckpoints = assertThrows(IllegalStateException.class, () -> policy.restoreCheckpoint("t"));
        assertTrue(noCheckpoints.getMessage().contains("checkpoints:"), noCheckpoints.getMessage());
    }

    @Test
    void rememberedCircuitsAndIsolationsComeBackWithTheirTimes() throws Exception {
        String yaml = """
                targets:
                  - { name: a, class: A, circuit-breaker: { open-for: 60s } }
                  - { name: b, class: B }
                """;
        HealingEngine first = engine(yaml);
        first.target("a").openCircuit(Initiator.POLICY);
        first.target("b").isolate(Initiator.OPERATOR);
        AgentState saved = RememberedGuards.contribute(
                AgentState.empty(), first, clock.currentTimeMillis());
        assertEquals("open", saved.circuits().get("a").state());
        assertEquals(clock.currentTimeMillis() + 60_000, saved.circuits().get("a").openUntilMillis());
        assertEquals(0, saved.isolation().get("b").untilMillis(), "until released");

        clock.nanos += 20_000_000_000L;   // a restart 20 s later
        events.clear();
        HealingEngine second = engine(yaml);
        List<String> restored = RememberedGuards.restore(saved, second, clock.currentTimeMillis());
        assertEquals(2, restored.size(), restored.toString());
        assertEquals(CircuitState.OPEN, second.target("a").circuitState());
        assertTrue(second.target("b").isIsolated());
        assertEquals("state-memory", of(EventType.CIRCUIT_OPENED).get(0).get("by"));
        clock.nanos += 39_000_000_000L;
        int site = second.registerSite("a", "A", "m", "()V", null, List.of());
        assertSame(Healing.SHORT_CIRCUIT, second.enter(site, null), "still open: 59 s of its 60 s have passed");
        clock.nanos += 2_000_000_000L;
        assertTrue(second.enter(site, null) != Healing.SHORT_CIRCUIT, "open-for has passed: a probe goes through");
    }

    @Test
    void patchActionsFindTheJarGoThroughTheApplierAndAreRememberedAsHistory() throws Exception {
        HealingEngine e = engine("targets: [ { name: t, class: A } ]");
        FakeApplier applier = new FakeApplier();
        e.patchApplier(applier);
        Path staged = Files.createDirectories(dir.resolve("staged"));
        Files.writeString(staged.resolve("fix-1.jar"), "a jar");
        EnginePolicyActions policy = new EnginePolicyActions(e, Initiator.POLICY, List.of(dir.resolve("none"), staged));
        policy.applyPatch("t", "fix-1");
        assertEquals(List.of("apply fix-1.jar via policy:t"), applier.calls);
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> policy.applyPatch("t", "fix-2"));
        assertTrue(missing.getMessage().startsWith("no patch jar fix-2.jar in "), missing.getMessage());

        AgentState first = RememberedGuards.contribute(AgentState.empty(), e, clock.currentTimeMillis());
        assertEquals(List.of("fix-1 applied"), first.patches().stream().map(p -> p.id() + " " + p.action())
                .collect(Collectors.toList()));
        policy.rollbackPatch("t", "fix-1");
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> policy.rollbackPatch("t", "fix-1"));
        assertTrue(twice.getMessage().contains("not applied"), twice.getMessage());
        AgentState second = RememberedGuards.contribute(first, e, clock.currentTimeMillis());
        assertEquals(List.of("fix-1 applied", "fix-1 rolled-back"), second.patches().stream()
                .map(p -> p.id() + " " + p.action()).collect(Collectors.toList()));
        assertEquals(second.patches(), RememberedGuards.contribute(second, e, clock.currentTimeMillis()).patches(),
                "nothing changed, nothing added");
    }
}
