package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the keys of one YAML mapping into typed values, adding a located problem for each value
 * that is missing, of the wrong type or out of range, and (at {@link #rejectUnknownKeys}) for each
 * key nobody asked for. Readers never stop at the first problem: they return the default and go on.
 */
public final class Section {
    private final YamlNode.MapNode node;
    private final YamlNode at;
    private final String path;
    private final Problems problems;
    private final Set<String> read = new HashSet<>();

    private Section(YamlNode.MapNode node, YamlNode at, String path, Problems problems) {
        this.node = node;
        this.at = at;
        this.path = path;
        this.problems = problems;
    }

    /** A section over {@code value}, which should be a mapping; {@code null} reads as empty. */
    public static Section of(YamlNode value, String path, Problems problems) {
        if (value == null || isNull(value)) {
            return new Section(null, value, path, problems);
        }
        if (value instanceof YamlNode.MapNode map) {
            return new Section(map, value, path, problems);
        }
        problems.add(value, path, "expected a mapping (key: value lines), found " + value.kind());
        return new Section(null, value, path, problems);
    }

    public Problems problems() {
        return problems;
    }

    public String path() {
        return path;
    }

    /** Where this section is, for problems about it as a whole. */
    public YamlNode location() {
        return at;
    }

    public boolean isPresent() {
        return node != null;
    }

    /** True when the key is present. Asking marks the key as known, for the unknown-key hint. */
    public boolean has(String key) {
        read.add(key);
        return node != null && node.entry(key) != null;
    }

    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The raw node of a key (marked as read), or {@code null}. */
    public YamlNode node(String key) {
        read.add(key);
        YamlNode.Entry e = node == null ? null : node.entry(key);
        return e == null ? null : e.value();
    }

    /** The mapping's own node, or {@code null} when absent. */
    public YamlNode.MapNode mapNode() {
        return node;
    }

    public Section section(String key) {
        return Section.of(node(key), keyPath(key), problems);
    }

    public void problem(String key, String message) {
        YamlNode n = node == null ? null : node(key);
        problems.add(n != null ? n : at, keyPath(key), message);
    }

    public String string(String key, String def) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return def;
        }
        if (n instanceof YamlNode.ScalarNode s && !(s.value() instanceof Boolean)) {
            return s.text();
        }
        problems.add(n, keyPath(key), "expected a string, found " + n.kind());
        return def;
    }

    /**
     * The key's value, or {@code null} when the key is absent or written with no value ("key:" with
     * nothing after it: a value left out by mistake, not a request for the default, so it is a problem).
     */
    private YamlNode valueOf(String key) {
        YamlNode n = node(key);
        if (n != null && isNull(n)) {
            problems.add(n, keyPath(key), "has no value (leave the key out to get the default)");
            return null;
        }
        return n;
    }

    public String requiredString(String key) {
        if (!has(key) || isNull(node(key))) {
            problems.add(at, keyPath(key), "is required");
            return null;
        }
        return string(key, null);
    }

    public boolean bool(String key, boolean def) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return def;
        }
        if (n instanceof YamlNode.ScalarNode s && s.value() instanceof Boolean b) {
            return b;
        }
        problems.add(n, keyPath(key), "expected true or false, found " + describe(n));
        return def;
    }

    public int integer(String key, int def, int min, int max) {
        YamlNode n = valueOf(key);
        if (n == null) {
            return def;
        }
        if (n instanceof YamlNode.ScalarNode s && s.value() instanceof Long l) {
            if (l < min || l > max) {
                problems.add(n, keyPath(key), "must be between " + min + " and " + max + ", found " + l);
                return def;
            }
            return (int) (long) l;
        }
        problems.add(n, keyPath(key), "expected a whole number, found " + describe(n));
        return def;
    }

    public double number(String key, double def, double min, double max) {
        YamlNode n = valueOf(key);
        if (n == null) {
            return def;
        }
        if (n instanceof YamlNode.ScalarNode s && s.value() instanceof Number num) {
            double d = num.doubleValue();
            if (d < min || d > max) {
                problems.add(n, keyPath(key), "must be between " + min + " and " + max + ", found " + s.text());
                return def;
            }
            return d;
        }
        problems.add(n, keyPath(key), "expected a number, found " + describe(n));
        return def;
    }

    public Duration duration(String key, Duration def) {
        YamlNode n = valueOf(key);
        if (n == null) {
            return def;
        }
        if (n instanceof YamlNode.ScalarNode s) {
            try {
                return Durations.parse(s.text());
            } catch (IllegalArgumentException e) {
                problems.add(n, keyPath(key), e.getMessage());
                return def;
            }
        }
        problems.add(n, keyPath(key), "expected a duration such as 250ms, 30s or 5m, found " + n.kind());
        return def;
    }

    /** A size ({@code 100MB}, {@code 512KB}, a byte count; see {@link Sizes}) of at least {@code min} bytes. */
    public long size(String key, long def, long min) {
        YamlNode n = valueOf(key);
        if (n == null) {
            return def;
        }
        if (n instanceof YamlNode.ScalarNode s && !(s.value() instanceof Boolean)) {
            try {
                long bytes = Sizes.parse(s.text());
                if (bytes < min) {
                    problems.add(n, keyPath(key), "must be at least " + Sizes.format(min) + ", found '" + s.text() + "'");
                    return def;
                }
                return bytes;
            } catch (IllegalArgumentException e) {
                problems.add(n, keyPath(key), e.getMessage());
                return def;
            }
        }
        problems.add(n, keyPath(key), "expected a size such as 512KB, 10MB or 1GB, found " + describe(n));
        return def;
    }

    /** A list of strings; a single string reads as a list of one. */
    public List<String> strings(String key) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof YamlNode.ScalarNode s && s.value() instanceof String str) {
            return List.of(str);
        }
        if (n instanceof YamlNode.ListNode list) {
            List<String> out = new ArrayList<>();
            for (YamlNode item : list.items()) {
                if (item instanceof YamlNode.ScalarNode s && s.value() != null
                        && !(s.value() instanceof Boolean)) {
                    out.add(s.text());
                } else {
                    problems.add(item, keyPath(key), "expected a string in the list, found " + item.kind());
                }
            }
            return Collections.unmodifiableList(out);
        }
        problems.add(n, keyPath(key), "expected a list of strings, found " + n.kind());
        return List.of();
    }

    /** The items of a list key; a missing key is an empty list. */
    public List<YamlNode> list(String key) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof YamlNode.ListNode list) {
            return list.items();
        }
        problems.add(n, keyPath(key), "expected a list, found " + n.kind());
        return List.of();
    }

    // The same readers by declared key: name, default and range come from the key (ConfigKey).

    public boolean has(ConfigKey key) {
        return has(key.name());
    }

    public YamlNode node(ConfigKey key) {
        return node(key.name());
    }

    public Section section(ConfigKey key) {
        return section(key.name());
    }

    /**
     * A {@code Class#member} key (a fallback method, an on-result predicate, a reclaimer) split in
     * two: {@code {className, member}}; {@code null}, with the problem reported as "'x' is not
     * {@code shape} (for example {@code example})", when it has no single {@code #} between two
     * non-empty parts.
     */
    public String[] classMember(ConfigKey key, String shape, String example) {
        String spec = string(key.name(), "");
        int hash = spec.indexOf('#');
        if (hash <= 0 || hash == spec.length() - 1 || spec.indexOf('#', hash + 1) >= 0) {
            notClassMember(key, spec, shape, example);
            return null;
        }
        return new String[] {spec.substring(0, hash), spec.substring(hash + 1)};
    }

    /** The problem {@link #classMember} reports, for a caller whose own checks of the parts fail. */
    public void notClassMember(ConfigKey key, String spec, String shape, String example) {
        problem(key, "'" + spec + "' is not " + shape + " (for example " + example + ")");
    }

    public void problem(ConfigKey key, String message) {
        problem(key.name(), message);
    }

    public String string(ConfigKey key) {
        return string(key.name(), (String) key.defaultValue());
    }

    public String requiredString(ConfigKey key) {
        return requiredString(key.name());
    }

    public boolean bool(ConfigKey key) {
        return bool(key.name(), (Boolean) key.defaultValue());
    }

    public int integer(ConfigKey key) {
        return integer(key.name(), key.intDefault(), (int) key.min(), (int) key.max());
    }

    public double number(ConfigKey key) {
        return number(key.name(), key.numberDefault(), key.min(), key.max());
    }

    public Duration duration(ConfigKey key) {
        return duration(key.name(), (Duration) key.defaultValue());
    }

    public List<String> strings(ConfigKey key) {
        return strings(key.name());
    }

    public List<YamlNode> list(ConfigKey key) {
        return list(key.name());
    }

    /**
     * Reports every key of the mapping that is not one of {@code keys} (the section's declared
     * keys, less those not read yet), naming the closest of them. A key the reader asked for is
     * one of them (readers ask through their declared keys), so only the others are looked up.
     */
    public void rejectUnknownKeys(String what, List<ConfigKey> keys) {
        if (node == null) {
            return;
        }
        for (YamlNode.Entry e : node.entries().values()) {
            if (!read.contains(e.key()) && !isDeclaredAndRead(e.key(), keys)) {
                Set<String> known = new HashSet<>();
                for (ConfigKey k : keys) {
                    if (k.isRead()) {
                        known.add(k.name());
                    }
                }
                reject(what, known);
                return;
            }
        }
    }

    private static boolean isDeclaredAndRead(String name, List<ConfigKey> keys) {
        for (ConfigKey k : keys) {
            if (k.name().equals(name)) {
                return k.isRead();
            }
        }
        return false;
    }

    /** Reports every key that no reader asked for, naming the closest known key. */
    public void rejectUnknownKeys(String what) {
        if (node == null) {
            return;
        }
        reject(what, read);
    }

    private void reject(String what, Set<String> known) {
        for (YamlNode.Entry e : node.entries().values()) {
            if (!known.contains(e.key())) {
                String hint = closest(e.key(), known);
                problems.add(e.line(), e.column(), keyPath(e.key()), "unknown " + what + " '" + e.key() + "'"
                        + (hint == null ? "" : "; did you mean '" + hint + "'?")
                        + " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    static boolean isNull(YamlNode n) {
        return n instanceof YamlNode.ScalarNode s && s.value() == null;
    }

    private static String describe(YamlNode n) {
        return n instanceof YamlNode.ScalarNode s ? "'" + s.text() + "'" : n.kind();
    }

    private static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
