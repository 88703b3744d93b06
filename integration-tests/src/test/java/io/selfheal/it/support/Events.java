package io.selfheal.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The healing log a child JVM wrote: one JSON object a line. Every line must parse. */
public final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> lines;

    private Events(List<JsonNode> lines) {
        this.lines = lines;
    }

    public static Events read(Path file) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Events(out);
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("events file " + file + " is not JSON lines", e);
        }
        return new Events(out);
    }

    public List<JsonNode> all() {
        return lines;
    }

    public List<JsonNode> ofType(String type) {
        return lines.stream().filter(n -> type.equals(n.path("type").asText())).collect(Collectors.toList());
    }

    public List<String> types() {
        return lines.stream().map(n -> n.path("type").asText()).collect(Collectors.toList());
    }

    /** The types of the events about {@code method}, in order. */
    public List<String> typesFor(String method) {
        return lines.stream().filter(n -> method.equals(n.path("method").asText()))
                .map(n -> n.path("type").asText()).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return lines.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
    }
}
