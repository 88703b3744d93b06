package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code restore:}: the receiver's fields (or, for a static method, the class's static fields)
 * to snapshot when a call enters and to put back when it fails with a matching exception.
 *
 * @param fields the named fields with where each is written (so the weaver can point at a field
 *     that does not exist); empty means every non-static, non-transient field (every static,
 *     non-final one for a static method)
 * @param cloneTypes the classes (key {@code clone}) whose own {@code clone()} makes their copy in a deep snapshot (opt-in: by
 *     default no application code runs to take or restore a snapshot)
 * @param maxObjects the most objects one deep snapshot copies (key {@code max-objects})
 */
public record RestoreConfig(List<FieldName> fields, Depth depth, ExceptionFilter filter, List<String> cloneTypes,
        int maxObjects, YamlNode location) {

    /** How far a snapshot copies. */
    public enum Depth {
        /** Arrays, collections, maps and objects copied field by field, all the way down. */
        DEEP,
        /** The references the fields hold, nothing more. */
        SHALLOW
    }

    /** A field name as written in the config. */
    public record FieldName(String name, YamlNode location) {
    }

    @ConfigKey.Doc("fields of the receiver (or of its superclasses) to snapshot; a static method names static "
            + "fields. Without it: every non-static, non-transient field (every static, non-final one for a static "
            + "method)")
    static final ConfigKey FIELDS = ConfigKey.of("fields", ConfigKey.Type.FIELD_NAMES, "all");
    @ConfigKey.Doc("deep: values copied field by field, all the way down, running no application code (see "
            + "docs/strategies/restore-and-checkpoints.md); shallow: only the references the fields hold")
    static final ConfigKey DEPTH = ConfigKey.oneOf("depth", "deep", List.of("deep", "shallow"));
    @ConfigKey.Doc("classes whose own clone() makes their copy in a deep snapshot (opt-in: otherwise no application code runs to take or restore one)")
    static final ConfigKey CLONE = ConfigKey.of("clone", ConfigKey.Type.CLASS_NAMES, "none");
    /** A snapshot that would copy more than this is an outage of its own: it is given up whole. */
    public static final int DEFAULT_MAX_OBJECTS = 10_000;
    @ConfigKey.Doc("the most objects a deep snapshot copies in one call (an array counts its length); a call "
            + "whose state is larger runs without a snapshot (a config-problem says so once)")
    static final ConfigKey MAX_OBJECTS = ConfigKey.integer("max-objects", DEFAULT_MAX_OBJECTS, 1, 100_000_000);
    static final List<ConfigKey> KEYS = ConfigKey.join(List.of(FIELDS, DEPTH, CLONE, MAX_OBJECTS),
            ExceptionFilter.KEYS);

    public boolean allFields() {
        return fields.isEmpty();
    }

    static RestoreConfig read(Section s) {
        List<FieldName> fields = readFieldNames(s, FIELDS);
        Depth depth = readDepth(s);
        ExceptionFilter filter = ExceptionFilter.read(s);
        List<String> clone = readClassNames(s, CLONE.name());
        int maxObjects = s.integer(MAX_OBJECTS);
        s.rejectUnknownKeys("key", KEYS);
        return new RestoreConfig(fields, depth, filter, clone, maxObjects, s.location());
    }

    static Depth readDepth(Section s) {
        String text = s.string(DEPTH);
        switch (text) {
            case "deep":
                return Depth.DEEP;
            case "shallow":
                return Depth.SHALLOW;
            default:
                s.problem(DEPTH, "must be 'deep' or 'shallow', found '" + text + "'");
                return Depth.DEEP;
        }
    }

    /** A list of Java field names, each kept with its location. */
    static List<FieldName> readFieldNames(Section s, ConfigKey key) {
        List<String> names = s.strings(key);
        YamlNode node = s.node(key);
        List<FieldName> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            YamlNode at = node instanceof YamlNode.ListNode list && i < list.items().size() ? list.items().get(i) : node;
            if (!isJavaFieldName(name)) {
                s.problems().add(at, s.keyPath(key.name()), "'" + name + "' is not a Java field name");
                continue;
            }
            out.add(new FieldName(name, at));
        }
        return List.copyOf(out);
    }

    /** Fully qualified class names, each checked for its shape. */
    private static List<String> readClassNames(Section s, String key) {
        List<String> names = s.strings(key);
        YamlNode node = s.node(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!NameSyntax.isDottedName(name, "")) {
                YamlNode at = node instanceof YamlNode.ListNode list && i < list.items().size() ? list.items().get(i) : node;
                s.problems().add(at, s.keyPath(key), "'" + name + "' is not a fully qualified class name");
                continue;
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    /** A loop, not a stream: this runs at agent start for every {@code restore:} block. */
    private static boolean isJavaFieldName(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
