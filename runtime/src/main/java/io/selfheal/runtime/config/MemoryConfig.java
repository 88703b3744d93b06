package io.selfheal.runtime.config;

import io.selfheal.runtime.rules.Condition;
import io.selfheal.runtime.rules.ConditionParser;
import io.selfheal.runtime.rules.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory:}: the application's reclaimers, run in order on the agent's memory thread when
 * every {@code when} condition holds (each at most once per {@code cooldown}), by a policy's
 * {@code reclaim} action, and before the retry of an {@code OutOfMemoryError}.
 */
public record MemoryConfig(List<ReclaimerEntry> reclaimers, List<Condition> when, Duration cooldown,
        boolean collectAfter, Duration collectionWait, YamlNode location) {

    public static final String DEFAULT_WHEN = "heap-after-gc > 0.9";
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_COLLECTION_WAIT = Duration.ofSeconds(2);

    @ConfigKey.Doc("what gives memory back, run in order: each entry has a name and one of invoke, clear")
    static final ConfigKey RECLAIMERS = ConfigKey.sections("reclaimers", "MemoryConfig.RECLAIMER_KEYS", "none");
    @ConfigKey.Doc("the pressure at which the reclaimers run: conditions on heap-after-gc and gc-time, all of which"
            + " must hold")
    static final ConfigKey WHEN = ConfigKey.of("when", ConfigKey.Type.CONDITIONS, DEFAULT_WHEN);
    @ConfigKey.Doc("after a reclaimer ran, the pressure does not run it again for this long")
    static final ConfigKey COOLDOWN = ConfigKey.duration("cooldown", DEFAULT_COOLDOWN);
    @ConfigKey.Doc("true: after the reclaimers, ask for one collection (System.gc()) so the event says what was freed;"
            + " false: wait for the next collection the JVM makes")
    static final ConfigKey COLLECT_AFTER = ConfigKey.bool("collect-after", true);
    @ConfigKey.Doc("the longest an OutOfMemoryError's retry waits for the reclaimers and a collection")
    static final ConfigKey COLLECTION_WAIT = ConfigKey.duration("collection-wait", DEFAULT_COLLECTION_WAIT);
    static final List<ConfigKey> KEYS = List.of(RECLAIMERS, WHEN, COOLDOWN, COLLECT_AFTER, COLLECTION_WAIT);

    @ConfigKey.Doc("the reclaimer's name in events and in a policy's reclaim action")
    static final ConfigKey NAME = ConfigKey.string("name", null).required();
    @ConfigKey.Doc("a static method to call, Class#method, taking no arguments or (double pressure)")
    static final ConfigKey INVOKE = ConfigKey.of("invoke", ConfigKey.Type.METHOD_REF, null);
    @ConfigKey.Doc("a static field holding a java.util.Map or Collection to clear, Class#FIELD")
    static final ConfigKey CLEAR = ConfigKey.of("clear", ConfigKey.Type.METHOD_REF, null);
    static final List<ConfigKey> RECLAIMER_KEYS = List.of(NAME, INVOKE, CLEAR);

    /** The reclaimer named {@code name}, or null. */
    public ReclaimerEntry reclaimer(String name) {
        for (ReclaimerEntry r : reclaimers) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    static MemoryConfig read(Section s) {
        List<ReclaimerEntry> reclaimers = readReclaimers(s);
        List<Condition> when = readWhen(s);
        Duration cooldown = s.duration(COOLDOWN);
        boolean collectAfter = s.bool(COLLECT_AFTER);
        Duration wait = s.duration(COLLECTION_WAIT);
        s.rejectUnknownKeys("key", KEYS);
        return new MemoryConfig(reclaimers, when, cooldown, collectAfter, wait, s.location());
    }

    private static List<ReclaimerEntry> readReclaimers(Section s) {
        List<ReclaimerEntry> out = new ArrayList<>();
        Map<String, ReclaimerEntry> byName = new HashMap<>();
        List<YamlNode> items = s.list(RECLAIMERS);
        for (int i = 0; i < items.size(); i++) {
            Section entry = Section.of(items.get(i), s.keyPath(RECLAIMERS.name()) + "[" + i + "]", s.problems());
            ReclaimerEntry r = readReclaimer(entry, items.get(i));
            if (r == null) {
                continue;
            }
            ReclaimerEntry earlier = byName.putIfAbsent(r.name(), r);
            if (earlier != null) {
                entry.problem(NAME, "reclaimer name '" + r.name() + "' is used twice (first at line "
                        + earlier.location().line() + ")");
                continue;
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static ReclaimerEntry readReclaimer(Section entry, YamlNode at) {
        if (!entry.isPresent()) {
            entry.problems().add(at, entry.path(), "expected a reclaimer: { name: ..., invoke: Class#method }"
                    + " or { name: ..., clear: Class#FIELD }");
            return null;
        }
        String name = entry.requiredString(NAME);
        boolean invoke = entry.has(INVOKE);
        boolean clear = entry.has(CLEAR);
        ReclaimerEntry result = null;
        if (invoke == clear) {
            entry.problems().add(at, entry.path(), "a reclaimer has exactly one of: invoke (a static method), clear"
                    + " (a static Map or Collection field)");
        } else {
            ConfigKey key = invoke ? INVOKE : CLEAR;
            String shape = invoke ? "Class#method" : "Class#FIELD";
            String example = invoke ? "com.acme.PriceCache#trimToHalf" : "com.acme.Sessions#CACHE";
            String[] ref = entry.classMember(key, shape, example);
            if (ref != null && (!NameSyntax.isDottedName(ref[0], "") || !NameSyntax.isDottedName(ref[1], "")
                    || ref[1].indexOf('.') >= 0)) {
                entry.notClassMember(key, entry.string(key.name(), ""), shape, example);
            } else if (ref != null && name != null) {
                result = new ReclaimerEntry(name, invoke ? ReclaimerEntry.Kind.INVOKE : ReclaimerEntry.Kind.CLEAR,
                        ref[0], ref[1], entry.node(key));
            }
        }
        entry.rejectUnknownKeys("reclaimer key", RECLAIMER_KEYS);
        return result;
    }

    private static List<Condition> readWhen(Section s) {
        if (!s.has(WHEN)) {
            try {
                return List.of(ConditionParser.parse(DEFAULT_WHEN));
            } catch (ConditionParser.BadExpression e) {
                throw new IllegalStateException(e);
            }
        }
        YamlNode n = s.node(WHEN);
        List<YamlNode> items = n instanceof YamlNode.ListNode list ? list.items() : List.of(n);
        List<Condition> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.ScalarNode scalar) || !(scalar.value() instanceof String text)) {
                s.problems().add(item, s.keyPath(WHEN.name()), "expected a condition such as \"" + DEFAULT_WHEN
                        + "\", found " + item.kind());
                continue;
            }
            try {
                Condition c = ConditionParser.parse(text);
                if (!c.metric().jvmWide()) {
                    s.problems().add(item, s.keyPath(WHEN.name()), "'" + c.metric().wireName() + "' belongs to a"
                            + " target; memory conditions read " + Metric.HEAP_AFTER_GC.wireName() + " or "
                            + Metric.GC_TIME.wireName());
                    continue;
                }
                out.add(c);
            } catch (ConditionParser.BadExpression e) {
                s.problems().add(item, s.keyPath(WHEN.name()), e.getMessage() + " (at character " + (e.offset() + 1)
                        + ")");
            }
        }
        if (items.isEmpty()) {
            s.problem(WHEN, "needs at least one condition, such as \"" + DEFAULT_WHEN + "\"");
        }
        return List.copyOf(out);
    }
}
