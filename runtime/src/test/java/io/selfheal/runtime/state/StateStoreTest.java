package io.selfheal.runtime.state;

import io.selfheal.runtime.lookahead.AgentState;
import io.selfheal.runtime.lookahead.StateMemory;
import io.selfheal.runtime.lookahead.StateStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.adaptive.StrategyStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    StateStore store() {
        return new StateStore(dir.resolve(".selfheal"), warnings::add);
    }

    static AgentState sample() {
        return AgentState.empty()
                .withCircuits(Map.of("inventory", new AgentState.CircuitState("open", 1_700_000_060_000L)))
                .withIsolation(Map.of("payments", new AgentState.IsolationState(1_700_000_000_000L, 0, "policy 'x'")))
                .withStrategies(Map.of("inventory", Map.of("java.io.IOException",
                        Map.of("retry", new StrategyStats(10, 9, 120), "fallback", new StrategyStats(3, 1, 2)))))
                .withPatches(List.of(new AgentState.PatchRecord("fix-12", "applied", 1_700_000_000_500L, "patches/fix-12.jar")))
                .withSavedAt(1_700_000_001_000L);
    }

    List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(".selfheal"))) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aMissingFileIsAnEmptyStateWithoutWarning() {
        assertEquals(AgentState.empty(), store().load());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void everythingSavedIsLoadedBackAndNoTemporaryFileIsLeft() throws IOException {
        store().save(sample());
        assertEquals(sample(), store().load());
        assertEquals(List.of("state.json"), files());
        String text = Files.readString(dir.resolve(".selfheal/state.json"));
        assertTrue(text.contains("\"format\" : \"selfheal-state\""), text);
        assertTrue(text.contains("\"openUntilMillis\" : 1700000060000"), text);
    }

    @Test
    void aSaveReplacesTheWholeFile() throws IOException {
        store().save(sample());
        store().save(AgentState.empty().withSavedAt(5));
        assertEquals(AgentState.empty().withSavedAt(5), store().load());
    }

    @Test
    void aCorruptFileIsSetAsideWithAWarningAndTheNextSaveStartsAfresh() throws IOException {
        Files.createDirectories(dir.resolve(".selfheal"));
        Files.writeString(dir.resolve(".selfheal/state.json"), "{\"format\":\"selfheal-state\",\"circ", StandardCharsets.UTF_8);
        assertEquals(AgentState.empty(), store().load());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("is not a valid state file"), warnings.get(0));
        assertTrue(warnings.get(0).contains("set aside as state.json.corrupt-"), warnings.get(0));
        List<String> files = files();
        assertEquals(1, files.size());
        assertTrue(files.get(0).startsWith("state.json.corrupt-"), files.toString());
        assertEquals("{\"format\":\"selfheal-state\",\"circ",
                Files.readString(dir.resolve(".selfheal").resolve(files.get(0))), "kept as it was, for a human to read");
        store().save(sample());
        assertEquals(sample(), store().load());
    }

    @Test
    void aForeignJsonFileIsSetAside() throws IOException {
        Files.createDirectories(dir.resolve(".selfheal"));
        Files.writeString(dir.resolve(".selfheal/state.json"), "{\"name\":\"someone else's\"}");
        assertEquals(AgentState.empty(), store().load());
        assertTrue(warnings.get(0).contains("is not a selfheal state file"), warnings.get(0));
        assertTrue(files().get(0).startsWith("state.json.foreign-"), files().toString());
    }

    @Test
    void aFileWithTheWrongShapeIsSetAsideNotFatal() throws IOException {
        Files.createDirectories(dir.resolve(".selfheal"));
        Files.writeString(dir.resolve(".selfheal/state.json"),
                "{\"format\":\"selfheal-state\",\"version\":1,\"circuits\":[1,2,3]}");
        assertEquals(AgentState.empty(), store().load());
        assertTrue(files().get(0).startsWith("state.json.corrupt-"), files().toString());
        Files.writeString(dir.resolve(".selfheal/state.json"), "[]");
        assertEquals(AgentState.empty(), store().load());
        assertEquals(2, warnings.size());
    }

    @Test
    void aFileFromANewerVersionIsSetAside() throws IOException {
        Files.createDirectories(dir.resolve(".selfheal"));
        Files.writeString(dir.resolve(".selfheal/state.json"), "{\"format\":\"selfheal-state\",\"version\":99}");
        assertEquals(AgentState.empty(), store().load());
        assertTrue(warnings.get(0).contains("newer selfheal (state version 99"), warnings.get(0));
    }

    @Test
    void theMemoryCarriesForwardWhatNoLivePartOwns() throws IOException {
        store().save(sample());
        StateMemory memory = new StateMemory(store(), () -> 42L);
        memory.load();
        memory.contribute(s -> s.withCircuits(Map.of()));   // the breaker: every circuit is closed now
        AgentState saved = memory.save();
        assertEquals(42L, saved.savedAtMillis());
        assertEquals(Map.of(), store().load().circuits());
        assertEquals(sample().isolation(), store().load().isolation(), "nobody owns isolation this run: kept");
        assertEquals(sample().strategies(), store().load().strategies());
        assertEquals(sample().patches(), store().load().patches());
    }
}
