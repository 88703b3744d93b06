package io.selfheal.runtime.config;

import java.util.List;

/**
 * {@code events:}. {@code file} is a path for JSON lines, or {@code -} for stderr; {@code stderr:
 * true} copies every event to stderr as well.
 */
public record EventsConfig(String file, boolean stderr) {

    public static final EventsConfig DEFAULT = new EventsConfig("selfheal-events.jsonl", false);

    static final ConfigKey FILE = ConfigKey.string("file", DEFAULT.file(),
            "the healing log, one JSON object a line; \"-\" means stderr");
    static final ConfigKey STDERR = ConfigKey.bool("stderr", false, "true: also copy every event to stderr");
    // Declared ahead of the rotation of the events file; drop notReadYet() where the reader asks for them.
    static final ConfigKey MAX_SIZE = ConfigKey.of("max-size", ConfigKey.Type.SIZE, "100MB",
            "the events file is rotated once it grows past this size").notReadYet();
    static final ConfigKey KEEP = ConfigKey.integer("keep", 3, 0, 1000,
            "rotated events files kept (the oldest beyond this are deleted)").notReadYet();
    static final List<ConfigKey> KEYS = List.of(FILE, STDERR, MAX_SIZE, KEEP);

    static EventsConfig read(Section s) {
        String file = s.string(FILE);
        boolean stderr = s.bool(STDERR);
        s.rejectUnknownKeys("key", KEYS);
        return new EventsConfig(file, stderr);
    }

    public boolean toStderr() {
        return stderr || "-".equals(file);
    }

    /** The events file, or {@code null} when events go to stderr only. */
    public String filePath() {
        return "-".equals(file) ? null : file;
    }
}
