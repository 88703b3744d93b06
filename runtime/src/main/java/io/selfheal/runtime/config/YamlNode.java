package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line and column it came from, so every config problem can point at its
 * place in the file. Jackson's own tree drops locations, hence this small tree.
 */
public abstract class YamlNode {
    private final int line;
    private final int column;

    YamlNode(int line, int column) {
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What a user would call this kind of value, for error messages. */
    public abstract String kind();

    /** The value as plain Java objects (Map, List, String, Long, Double, Boolean, null). */
    public abstract Object toPlain();

    /** A mapping; keys keep their order and their own locations. */
    public static final class MapNode extends YamlNode {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        public MapNode(int line, int column) {
            super(line, column);
        }

        /** Adds an entry; returns the earlier entry of the same key, if there was one. */
        Entry put(Entry entry) {
            return entries.put(entry.key(), entry);
        }

        /** The problem a key repeating {@code earlier} is reported with, the same from either YAML reader. */
        static String duplicatedKey(Entry earlier) {
            return "duplicated key (first at line " + earlier.line() + ")";
        }

        public Map<String, Entry> entries() {
            return Collections.unmodifiableMap(entries);
        }

        public Entry entry(String key) {
            return entries.get(key);
        }

        @Override
        public String kind() {
            return "a mapping";
        }

        @Override
        public Object toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            for (Entry e : entries.values()) {
                plain.put(e.key(), e.value().toPlain());
            }
            return plain;
        }

        /** This mapping with {@code override}'s keys laid over it; nested mappings merge too. */
        public MapNode mergedWith(MapNode override) {
            MapNode merged = new MapNode(override.line(), override.column());
            for (Entry e : entries.values()) {   // a loop, not a method reference: this runs at agent start
                merged.put(e);
            }
            for (Entry e : override.entries.values()) {
                Entry base = entries.get(e.key());
                if (base != null && base.value() instanceof MapNode baseMap
                        && e.value() instanceof MapNode overrideMap) {
                    merged.put(new Entry(e.key(), e.line(), e.column(), baseMap.mergedWith(overrideMap)));
                } else {
                    merged.put(e);
                }
            }
            return merged;
        }
    }

    /** One key of a mapping, located at the key. */
    public record Entry(String key, int line, int column, YamlNode value) {
    }

    /** A sequence. */
    public static final class ListNode extends YamlNode {
        private final List<YamlNode> items = new ArrayList<>();

        public ListNode(int line, int column) {
            super(line, column);
        }

        void add(YamlNode item) {
            items.add(item);
        }

        public List<YamlNode> items() {
            return Collections.unmodifiableList(items);
        }

        @Override
        public String kind() {
            return "a list";
        }

        @Override
        public Object toPlain() {
            List<Object> plain = new ArrayList<>();
            for (YamlNode i : items) {   // a loop, not forEach with a lambda: this runs at agent start
                plain.add(i.toPlain());
            }
            return plain;
        }
    }

    /** A scalar: its text as written and the type YAML gives it. */
    public static final class ScalarNode extends YamlNode {
        private final String text;
        private final Object value;

        public ScalarNode(int line, int column, String text, Object value) {
            super(line, column);
            this.text = text;
            this.value = value;
        }

        public String text() {
            return text;
        }

        /** String, Long, Double, Boolean or null. */
        public Object value() {
            return value;
        }

        @Override
        public String kind() {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            if (value instanceof Number) {
                return "a number";
            }
            return "a string";
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }
}
