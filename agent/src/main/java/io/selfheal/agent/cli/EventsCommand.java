package io.selfheal.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code events PID|FILE [--follow]}: prints the healing log one readable line an event:
 * time, type, target, class.method, then the rest of the fields.
 */
final class EventsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final Set<String> HEAD = Set.of("ts", "type", "target", "class", "method");

    private EventsCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--follow"))) {
            err.println("usage: java -jar selfheal-agent.jar events PID|FILE [--follow]");
            return 2;
        }
        Path file = Paths.get(args[1]);
        if (!Files.exists(file) && args[1].matches("\\d+")) {
            file = eventsFileOf(args[1], err);
            if (file == null) {
                return 1;
            }
        }
        if (!Files.isReadable(file)) {
            err.println("selfheal events: cannot read " + file);
            return 1;
        }
        boolean follow = args.length == 3;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    if (!follow) {
                        return 0;
                    }
                    Thread.sleep(250);
                    continue;
                }
                if (!line.isBlank()) {
                    out.println(format(line));
                }
            }
        } catch (IOException e) {
            err.println("selfheal events: " + e);
            return 1;
        } catch (InterruptedException e) {
            return 0;
        }
    }

    /** The healing log of a running JVM, named by its agent's MBean; null (and a message) when there is none. */
    private static Path eventsFileOf(String pid, PrintStream err) {
        try (LiveJvm jvm = LiveJvm.attach(pid)) {
            if (!jvm.hasAgent()) {
                err.println("selfheal events: JVM " + pid + " does not run the selfheal agent");
                return null;
            }
            Object path = jvm.agentAttribute("EventsFile");
            if (path == null) {
                err.println("selfheal events: JVM " + pid + " writes its events to its stderr only (events: { file: - })");
                return null;
            }
            return Paths.get(path.toString());
        } catch (Exception e) {
            err.println("selfheal events: cannot read JVM " + pid + ": " + e);
            return null;
        }
    }

    static String format(String jsonLine) {
        JsonNode n;
        try {
            n = JSON.readTree(jsonLine);
        } catch (IOException e) {
            return "(not an event) " + jsonLine;
        }
        StringBuilder sb = new StringBuilder();
        String ts = n.path("ts").asText("");
        try {
            sb.append(TIME.format(Instant.parse(ts)));
        } catch (RuntimeException e) {
            sb.append(ts);
        }
        sb.append("  ").append(String.format("%-16s", n.path("type").asText("?")));
        if (n.has("target")) {
            sb.append(' ').append(n.path("target").asText());
        }
        if (n.has("method")) {
            String cls = n.path("class").asText("");
            sb.append(' ').append(cls.substring(cls.lastIndexOf('.') + 1)).append('.').append(n.path("method").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!HEAD.contains(f.getKey()) && !f.getKey().equals("stack")) {
                sb.append("  ").append(f.getKey()).append('=').append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
        }
        return sb.toString();
    }
}
