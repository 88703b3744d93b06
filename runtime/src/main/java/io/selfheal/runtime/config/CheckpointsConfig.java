package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level {@code checkpoints:} block: which state the agent snapshots, how often and how
 * many snapshots it keeps.
 *
 * @param interval time between automatic checkpoints, or {@code null} for on demand only
 */
public record CheckpointsConfig(Duration interval, int keep, RestoreConfig.Depth depth, List<State> state,
        YamlNode location) {

    public static final int DEFAULT_KEEP = 10;

    /**
     * One {@code state:} entry: fields of one class (an exact class name). Static fields are
     * read from the class, instance fields from every instance of it the agent has seen.
     */
    public record State(String className, List<RestoreConfig.FieldName> fields, YamlNode location) {
    }

    static CheckpointsConfig read(Section s) {
        Duration interval = s.duration("interval", null);
        if (interval != null && interval.toMillis() < 1) {
            s.problem("interval", "must be at least 1ms");
            interval = null;
        }
        int keep = s.integer("keep", DEFAULT_KEEP, 1, 10_000);
        RestoreConfig.Depth depth = RestoreConfig.readDepth(s);
        List<State> states = new ArrayList<>();
        List<YamlNode> items = s.list("state");
        for (int i = 0; i < items.size(); i++) {
            Section entry = Section.of(items.get(i), s.keyPath("state") + "[" + i + "]", s.problems());
            String className = entry.requiredString("class");
            if (className != null && !ClassPattern.parse(className).isExact()) {
                entry.problem("class", "'" + className + "' must be an exact class name (no globs) here");
                className = null;
            }
            List<RestoreConfig.FieldName> fields = RestoreConfig.readFieldNames(entry, "fields");
            if (fields.isEmpty() && entry.isPresent()) {
                entry.problem("fields", "name at least one field of " + className);
            }
            entry.rejectUnknownKeys("key");
            if (className != null && !fields.isEmpty()) {
                states.add(new State(className, fields, items.get(i)));
            }
        }
        if (items.isEmpty() && s.isPresent()) {
            s.problem("state", "name at least one class and its fields");
        }
        s.rejectUnknownKeys("key");
        return new CheckpointsConfig(interval, keep, depth, List.copyOf(states), s.location());
    }
}
