package io.selfheal.runtime.config;

import java.util.List;

/**
 * {@code events:}. {@code file} is a path for JSON lines, or {@code -} for stderr; {@code stderr:
 * true} copies every event to stderr as well. The file is rotated before a line would take it past
 * {@code max-size}: it becomes {@code <file>.1}, older ones shift up to {@code <file>.<keep>}, and
 * the oldest beyond {@code keep} is deleted.
 */
public record EventsConfig(String file, boolean stderr, long maxSize, int keep) {

    public static final long DEFAULT_MAX_SIZE = 100L * 1024 * 1024;
    public static final int DEFAULT_KEEP = 3;
    /** Smaller than a few lines would rotate on nearly every event. */
    public static final long MIN_MAX_SIZE = 1024;
    public static final int MAX_KEEP = 1000;

    public static final EventsConfig DEFAULT = new EventsConfig("selfheal-events.jsonl", false, DEFAULT_MAX_SIZE,
            DEFAULT_KEEP);

    @ConfigKey.Doc("the healing log, one JSON object a line; \"-\" means stderr")
    static final ConfigKey FILE = ConfigKey.string("file", DEFAULT.file());
    @ConfigKey.Doc("true: also copy every event to stderr")
    static final ConfigKey STDERR = ConfigKey.bool("stderr", false);
    @ConfigKey.Doc("the events file is rotated once it grows past this size")
    static final ConfigKey MAX_SIZE = ConfigKey.of("max-size", ConfigKey.Type.SIZE, "100MB");
    @ConfigKey.Doc("rotated events files kept (the oldest beyond this are deleted)")
    static final ConfigKey KEEP = ConfigKey.integer("keep", DEFAULT_KEEP, 0, MAX_KEEP);
    static final List<ConfigKey> KEYS = List.of(FILE, STDERR, MAX_SIZE, KEEP);

    static EventsConfig read(Section s) {
        String file = s.string(FILE);
        boolean stderr = s.bool(STDERR);
        long maxSize = s.size(MAX_SIZE.name(), DEFAULT_MAX_SIZE, MIN_MAX_SIZE);
        int keep = s.integer(KEEP);
        s.rejectUnknownKeys("key", KEYS);
        return new EventsConfig(file, stderr, maxSize, keep);
    }

    public boolean toStderr() {
        return stderr || "-".equals(file);
    }

    /** The events file, or {@code null} when events go to stderr only. */
    public String filePath() {
        return "-".equals(file) ? null : file;
    }
}
