package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code targets:}: which methods to weave and how they heal. A strategy block that
 * is absent is {@code null} (or an empty list): the target does not use it.
 */
public record TargetConfig(
        String name,
        ClassPattern classPattern,
        List<MethodSelector> methods,
        RetryConfig retry,
        List<FallbackEntry> fallback,
        CircuitBreakerConfig circuitBreaker,
        IsolateConfig isolate,
        Duration timeout,
        HotPatchStrategyConfig hotPatch,
        boolean latency,
        YamlNode location,
        RestoreConfig restore,
        RestoreCheckpointConfig restoreCheckpoint,
        Level level,
        PredictionConfig prediction,
        AdaptiveConfig adaptive,
        boolean remember) {

    /** True when the target predicts failures ({@code prediction:} present and enabled). */
    public boolean predicts() {
        return prediction != null && prediction.enabled();
    }

    /**
     * True when the target does something beyond observing its calls: a strategy block (its own or
     * from {@code defaults:} or its {@code level:}), {@code latency: true}, {@code strategy:
     * adaptive}, or a {@code prediction:} that acts when it predicts. Without one, the target is
     * woven and counts, logs and rethrows, and nothing else.
     */
    public boolean hasStrategy() {
        return retry != null || (fallback != null && !fallback.isEmpty()) || circuitBreaker != null || isolate != null
                || timeout != null || hotPatch != null || restore != null || restoreCheckpoint != null || latency
                || adaptive != null
                || (predicts() && prediction.action() != PredictionConfig.PreemptAction.NONE);
    }

    /** True when {@code (name, descriptor)} is one of this target's methods. */
    public boolean selects(String methodName, String descriptor) {
        for (MethodSelector m : methods) {
            if (m.matches(methodName, descriptor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code other} is configured exactly as this one (same YAML, defaults merged in,
     * wherever it is written in the file): a reload keeps such a target's live state.
     */
    public boolean sameAs(TargetConfig other) {
        return other != null && location != null && other.location != null
                && location.toPlain().equals(other.location.toPlain());
    }

    /** Reads one target; {@code defaults} (possibly null) is laid under the target's own keys. */
    static TargetConfig read(YamlNode node, YamlNode.MapNode defaults, String path, Problems problems) {
        if (defaults != null && node instanceof YamlNode.MapNode map) {
            node = defaults.mergedWith(map);
        }
        Level level = null;
        if (node instanceof YamlNode.MapNode map && map.entry("level") != null) {
            YamlNode levelNode = map.entry("level").value();
            level = levelNode instanceof YamlNode.ScalarNode sc ? Level.byName(sc.text()) : null;
            if (level == null) {
                problems.add(levelNode, path.isEmpty() ? "level" : path + ".level",
                        "must be basic, advanced or full, found " + (levelNode instanceof YamlNode.ScalarNode sc
                                ? "'" + sc.text() + "'" : levelNode.kind()));
            } else {
                node = level.preset().mergedWith(map);   // explicit keys (and defaults) override the preset
            }
        }
        Section s = Section.of(node, path, problems);
        s.node("level");
        String classText = s.requiredString("class");
        String name = s.string("name", classText);
        if (classText != null && !NameSyntax.isDottedName(classText.trim(), "*?")) {
            s.problem("class", "'" + classText + "' is not a class name or a glob (for example com.acme.InventoryClient"
                    + " or com.acme.**.*Client)");
            classText = null;
        }
        ClassPattern pattern = classText == null ? null : ClassPattern.parse(classText);
        List<MethodSelector> methods = readMethods(s);
        RetryConfig retry = s.has("retry") ? RetryConfig.read(s.section("retry")) : null;
        List<FallbackEntry> fallback = readFallback(s);
        CircuitBreakerConfig circuitBreaker = s.has("circuit-breaker")
                ? CircuitBreakerConfig.read(s.section("circuit-breaker")) : null;
        IsolateConfig isolate = s.has("isolate") ? IsolateConfig.read(s.section("isolate")) : null;
        Duration timeout = s.duration("timeout", null);
        if (timeout != null && timeout.isZero()) {
            s.problem("timeout", "must be more than 0 (leave it out for no timeout)");
            timeout = null;
        }
        RestoreConfig restore = s.has("restore") ? RestoreConfig.read(s.section("restore")) : null;
        RestoreCheckpointConfig restoreCheckpoint = s.has("restore-checkpoint")
                ? RestoreCheckpointConfig.read(s.section("restore-checkpoint")) : null;
        Section hotPatchSection = s.section("hot-patch"); // read even when absent: it is a known key
        HotPatchStrategyConfig hotPatch = hotPatchSection.isPresent() ? HotPatchStrategyConfig.read(hotPatchSection) : null;
        boolean latency = s.bool("latency", false);
        PredictionConfig prediction = s.has("prediction") ? PredictionConfig.read(s.section("prediction")) : null;
        AdaptiveConfig adaptive = AdaptiveConfig.read(s);
        boolean remember = s.bool("remember", false);
        s.rejectUnknownKeys("key or strategy");
        return new TargetConfig(name, pattern, methods, retry, fallback, circuitBreaker, isolate, timeout, hotPatch, latency,
                s.location(), restore, restoreCheckpoint, level, prediction, adaptive, remember);
    }

    private static List<MethodSelector> readMethods(Section s) {
        if (!s.has("methods")) {
            return MethodSelector.all();
        }
        List<MethodSelector> out = new ArrayList<>();
        for (String text : s.strings("methods")) {
            try {
                out.add(MethodSelector.parse(text));
            } catch (IllegalArgumentException e) {
                s.problem("methods", e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<FallbackEntry> readFallback(Section s) {
        List<FallbackEntry> chain = new ArrayList<>();
        List<YamlNode> items = s.list("fallback");
        for (int i = 0; i < items.size(); i++) {
            Section entry = Section.of(items.get(i), s.keyPath("fallback") + "[" + i + "]", s.problems());
            FallbackEntry read = readFallbackEntry(entry, items.get(i));
            if (read != null) {
                chain.add(read);
            }
        }
        return List.copyOf(chain);
    }

    private static FallbackEntry readFallbackEntry(Section entry, YamlNode at) {
        int kinds = (entry.has("method") ? 1 : 0) + (entry.has("value") ? 1 : 0) + (entry.has("empty") ? 1 : 0);
        FallbackEntry result = null;
        entry.node("method");
        entry.node("value");
        entry.node("empty");   // all three are known keys, even where the entry has too many of them
        if (kinds != 1 && entry.isPresent()) {
            entry.problems().add(at, entry.path(), "a fallback entry has exactly one of: method, value, empty");
        }
        if (entry.has("method")) {
            String spec = entry.string("method", "");
            int hash = spec.indexOf('#');
            if (hash <= 0 || hash == spec.length() - 1 || spec.indexOf('#', hash + 1) >= 0) {
                entry.problem("method", "'" + spec + "' is not Class#method (for example com.acme.Fallbacks#cached)");
            } else {
                result = new FallbackEntry.MethodFallback(spec.substring(0, hash), spec.substring(hash + 1),
                        entry.node("method"));
            }
        } else if (entry.has("value")) {
            YamlNode v = entry.node("value");
            result = new FallbackEntry.ValueFallback(v.toPlain(), v);
        } else if (entry.has("empty")) {
            if (entry.bool("empty", true)) {
                result = new FallbackEntry.EmptyFallback(entry.node("empty"));
            }
        }
        entry.rejectUnknownKeys("fallback key");
        return result;
    }
}
