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

    @ConfigKey.Doc("time between automatic checkpoints, taken by one daemon thread; none: on demand only; at least 1ms")
    static final ConfigKey INTERVAL = ConfigKey.duration("interval", null);
    @ConfigKey.Doc("how many checkpoints are kept, newest last")
    static final ConfigKey KEEP = ConfigKey.integer("keep", DEFAULT_KEEP, 1, 10_000);
    @ConfigKey.Doc("the classes and fields a checkpoint holds; at least one")
    static final ConfigKey STATE = ConfigKey.sections("state", "CheckpointsConfig.STATE_KEYS", null).required();
    static final List<ConfigKey> KEYS = List.of(INTERVAL, KEEP, RestoreConfig.DEPTH, STATE);

    @ConfigKey.Doc("an exact class name (no globs)")
    static final ConfigKey STATE_CLASS = ConfigKey.of("class", ConfigKey.Type.CLASS_NAME, null).required();
    @ConfigKey.Doc("its fields: static fields are read from the class, instance fields from each instance the agent "
            + "has seen")
    static final ConfigKey STATE_FIELDS = ConfigKey.of("fields", ConfigKey.Type.FIELD_NAMES, null).required();
    static final List<ConfigKey> STATE_KEYS = List.of(STATE_CLASS, STATE_FIELDS);

    static CheckpointsConfig read(Section s) {
        Duration interval = s.duration(INTERVAL);
        if (interval != null && interval.toMillis() < 1) {
            s.problem(INTERVAL, "must be at least 1ms");
            interval = null;
        }
        int keep = s.integer(KEEP);
        RestoreConfig.Depth depth = RestoreConfig.readDepth(s);
        List<State> states = new ArrayList<>();
        List<YamlNode> items = s.list(STATE);
        for (int i = 0; i < items.size(); i++) {
            Section entry = Section.of(items.get(i), s.keyPath(STATE.name()) + "[" + i + "]", s.problems());
            String className = entry.requiredString(STATE_CLASS);
            if (className != null && !ClassPattern.parse(className).isExact()) {
                entry.problem(STATE_CLASS, "'" + className + "' must be an exact class name (no globs) here");
                className = null;
            }
            List<RestoreConfig.FieldName> fields = RestoreConfig.readFieldNames(entry, STATE_FIELDS);
            if (fields.isEmpty() && entry.isPresent()) {
                entry.problem(STATE_FIELDS, "name at least one field of " + className);
            }
            entry.rejectUnknownKeys("key", STATE_KEYS);
            if (className != null && !fields.isEmpty()) {
                states.add(new State(className, fields, items.get(i)));
            }
        }
        if (items.isEmpty() && s.isPresent()) {
            s.problem(STATE, "name at least one class and its fields");
        }
        s.rejectUnknownKeys("key", KEYS);
        return new CheckpointsConfig(interval, keep, depth, List.copyOf(states), s.location());
    }
}
