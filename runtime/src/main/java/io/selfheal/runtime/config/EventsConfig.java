package io.selfheal.runtime.config;

import java.util.List;

/**
 * {@code events:}. {@code file} is a path for JSON lines, or {@code -} for stderr; {@code stderr:
 * true} copies every event to stderr as well.
 */
public record EventsConfig(String file, boolean stderr) {

    public static final EventsConfig DEFAULT = new EventsConfig("selfheal-events.jsonl", false);

    @ConfigKey.Doc("the healing log, one JSON object a line; \"-\" means stderr")
    static final ConfigKey FILE = ConfigKey.string("file", DEFAULT.file());
    @ConfigKey.Doc("true: also copy every event to stderr")
    static final ConfigKey STDERR = ConfigKey.bool("stderr", false);
    // Declared ahead of the rotation of the events file; drop notReadYet() where the reader asks for them.
    @ConfigKey.Doc("the events file is rotated once it grows past this size")
    static final ConfigKey MAX_SIZE = ConfigKey.of("max-size", ConfigKey.Type.SIZE, "100MB").notReadYet();
    @ConfigKey.Doc("rotated events files kept (the oldest beyond this are deleted)")
    static final ConfigKey KEEP = ConfigKey.integer("keep", 3, 0, 1000).notReadYet();
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
