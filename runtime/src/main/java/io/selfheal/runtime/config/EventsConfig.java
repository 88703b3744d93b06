package io.selfheal.runtime.config;

/**
 * {@code events:}. {@code file} is a path for JSON lines, or {@code -} for stderr; {@code stderr:
 * true} copies every event to stderr as well.
 */
public record EventsConfig(String file, boolean stderr) {

    public static final EventsConfig DEFAULT = new EventsConfig("selfheal-events.jsonl", false);

    static EventsConfig read(Section s) {
        String file = s.string("file", DEFAULT.file());
        boolean stderr = s.bool("stderr", false);
        s.rejectUnknownKeys("key");
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
