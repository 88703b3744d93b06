package io.selfheal.it.apps;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a flight recording with {@code jdk.jfr.consumer.RecordingFile} on the JDK it runs on and
 * prints each {@code selfheal.*} event as one line: {@code EVENT <name> [<category>] |field=value|...}
 * (durations in milliseconds), then {@code LABEL <name> <label>} once per type.
 */
public final class JfrPrint {
    private JfrPrint() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Set<String> labelled = new java.util.HashSet<>();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String name = e.getEventType().getName();
                if (!name.startsWith("selfheal.")) {
                    continue;
                }
                StringBuilder line = new StringBuilder("EVENT ").append(name).append(' ')
                        .append(e.getEventType().getCategoryNames()).append(" |");
                for (ValueDescriptor field : e.getEventType().getFields()) {
                    String key = field.getName();
                    if (key.equals("startTime") || key.equals("duration") || key.equals("eventThread")
                            || key.equals("stackTrace")) {
                        continue;
                    }
                    Object v = e.getValue(key);
                    if (v instanceof Duration d) {
                        v = d.toMillis();
                    }
                    line.append(key).append('=').append(v).append('|');
                }
                System.out.println(line);
                if (labelled.add(name)) {
                    System.out.println("LABEL " + name + " " + e.getEventType().getLabel());
                }
            }
        }
    }
}
