package io.selfheal.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.runtime.engine.AgentFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events writer with rotation: whole JSON lines in every file, the newest in the current one. */
class JsonLinesWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));   // throws on a half-written line
        }
        return out;
    }

    private static Event numbered(int n) {
        return Event.of(EventType.ERROR_DETECTED).with("n", n).message("event number " + n + " \u00e9\u00e8 \u2603");
    }

    @Test
    void manyEventsLeaveTheCurrentFileAndKeepRotatedOnesOfWholeLinesUnderMaxSize() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventBus bus = new EventBus();
        JsonLinesWriter writer = new JsonLinesWriter(file, null, 2048, 2, new AgentFaults(bus));
        bus.subscribe(writer);
        for (int i = 1; i <= 500; i++) {
            bus.publish(numbered(i));
            if (i % 50 == 0) {
                writer.flush();   // batches of different sizes: rotation happens inside and between them
            }
        }
        writer.close();

        List<Integer> numbers = new ArrayList<>();
        for (String name : List.of("events.jsonl.2", "events.jsonl.1", "events.jsonl")) {
            Path p = dir.resolve(name);
            assertTrue(Files.size(p) <= 2048, name + " is " + Files.size(p) + " bytes");
            for (JsonNode n : read(p)) {
                assertEquals("error-detected", n.path("type").asText(), n.toString());
                numbers.add(n.path("n").asInt());
            }
        }
        assertFalse(Files.exists(dir.resolve("events.jsonl.3")));
        assertEquals(500, numbers.get(numbers.size() - 1), "the newest event is in the current file");
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "the kept files hold a run with no gap: " + numbers);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(3, listing.count());
        }
    }

    @Test
    void aRotationThatFailsIsOneAgentFaultAndEveryEventStillReachesTheCurrentFile() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.createDirectories(dir.resolve("events.jsonl.1").resolve("inside"));   // keep 1: cannot be deleted
        EventBus bus = new EventBus();
        AgentFaults faults = new AgentFaults(bus);
        JsonLinesWriter writer = new JsonLinesWriter(file, null, 1024, 1, faults);
        bus.subscribe(writer);
        for (int i = 1; i <= 200; i++) {
            bus.publish(numbered(i));
        }
        writer.flush();
        writer.close();

        List<JsonNode> lines = read(file);
        assertEquals(200, lines.stream().filter(n -> n.path("type").asText().equals("error-detected")).count());
        List<JsonNode> agentFaults = lines.stream().filter(n -> n.path("type").asText().equals("agent-fault")).toList();
        assertEquals(1, agentFaults.size(), "reported once: " + agentFaults);
        assertEquals("events-rotation", agentFaults.get(0).path("where").asText());
        assertTrue(agentFaults.get(0).path("message").asText().contains("cannot delete"), agentFaults.toString());
        assertTrue(faults.count() >= 2, "each failed try is counted: " + faults.count());
    }
}
