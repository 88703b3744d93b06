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
        boolean remember,
        ClassSelectors selectors,
        RateLimitConfig rateLimit,
        boolean fallbackOnResult,
        HedgeConfig hedge,
        ConcurrencyLimitConfig concurrencyLimit) {

    @ConfigKey.Doc("the target's name in events, JMX and policies; unique in the file (default: the class pattern)")
    static final ConfigKey NAME = ConfigKey.string("name", null);
    @ConfigKey.Doc("an exact class name, or a glob: * any part of one name segment, ** any number of whole "
            + "packages, ? one character; a target without class:, implements: and extends: weaves nothing and is "
            + "used only from code (SelfHeal.call), by its name")
    static final ConfigKey CLASS = ConfigKey.of("class", ConfigKey.Type.CLASS_GLOB, null)
            .requiredUnless("implements", "extends", "name");   // name alone: a target used only from code
    @ConfigKey.Doc("class names or globs left out of the classes class: names (for example "
            + "\"**$$SpringCGLIB$$*\" for Spring's proxy subclasses)")
    static final ConfigKey EXCLUDE = ConfigKey.of("exclude", ConfigKey.Type.CLASS_GLOBS, "none");
    @ConfigKey.Doc("an interface: every class implementing it, directly or through a supertype, including classes "
            + "loaded later; read from class files, nothing is loaded early")
    static final ConfigKey IMPLEMENTS = ConfigKey.of("implements", ConfigKey.Type.CLASS_NAME, "any class");
    @ConfigKey.Doc("a class: it and every class extending it, at any depth, including classes loaded later")
    static final ConfigKey EXTENDS = ConfigKey.of("extends", ConfigKey.Type.CLASS_NAME, "any class");
    @ConfigKey.Doc("an annotation type: only methods carrying it (read from the class file; RUNTIME or CLASS "
            + "retention)")
    static final ConfigKey ANNOTATED = ConfigKey.of("annotated", ConfigKey.Type.CLASS_NAME, "any method");
    @ConfigKey.Doc("names or globs (fetch*), optionally with parameter types in Java form "
            + "(reserve(java.lang.String,int)); without parentheses every overload matches")
    static final ConfigKey METHODS = ConfigKey.of("methods", ConfigKey.Type.METHOD_SELECTORS, "every method");
    /** The keys that say which methods a target is; {@code defaults:} may not have them. */
    static final List<ConfigKey> IDENTITY_KEYS = List.of(NAME, CLASS, EXCLUDE, IMPLEMENTS, EXTENDS, ANNOTATED,
            METHODS);
    /** The class pattern of a target chosen by its supertype alone. */
    private static final String EVERY_CLASS = "**";

    @ConfigKey.Doc("a preset of strategy blocks laid under the target's own keys, which win")
    static final ConfigKey LEVEL = ConfigKey.oneOf("level", null, List.of("basic", "advanced", "full"));
    @ConfigKey.Doc("true: measure the p50 and p99 of the target's calls")
    static final ConfigKey LATENCY = ConfigKey.bool("latency", false);
    @ConfigKey.Doc("limit on each run of the body (each retry gets its own); more than 0")
    static final ConfigKey TIMEOUT = ConfigKey.duration("timeout", null);
    @ConfigKey.Doc("run the body again after a failure, with backoff")
    static final ConfigKey RETRY = ConfigKey.section(Strategy.RETRY.wireName(), "RetryConfig.KEYS", "none");
    @ConfigKey.Doc("a chain tried in order when nothing else healed; the first entry that gives a value wins")
    static final ConfigKey FALLBACK = ConfigKey.sections(Strategy.FALLBACK.wireName(), "TargetConfig.FALLBACK_KEYS",
            "none");
    @ConfigKey.Doc("stop calling a failing dependency for a while once enough calls failed")
    static final ConfigKey CIRCUIT_BREAKER = ConfigKey.section(Strategy.CIRCUIT_BREAKER.wireName(),
            "CircuitBreakerConfig.KEYS",
            "none");
    @ConfigKey.Doc("quarantine the target after failures in a row, and/or bound its concurrent calls (a bulkhead)")
    static final ConfigKey ISOLATE = ConfigKey.section(Strategy.ISOLATE.wireName(), "IsolateConfig.KEYS", "none");
    @ConfigKey.Doc("a limit on calls in flight that finds its own value from latency and failures")
    static final ConfigKey CONCURRENCY_LIMIT = ConfigKey.section(Strategy.CONCURRENCY_LIMIT.wireName(),
            "ConcurrencyLimitConfig.KEYS", "none");
    @ConfigKey.Doc("snapshot fields at entry and put them back when the call fails")
    static final ConfigKey RESTORE = ConfigKey.section(Strategy.RESTORE.wireName(), "RestoreConfig.KEYS", "none");
    @ConfigKey.Doc("when the target fails so, restore the latest checkpoint (needs a top-level checkpoints: block)")
    static final ConfigKey RESTORE_CHECKPOINT = ConfigKey.section(Strategy.RESTORE_CHECKPOINT.wireName(),
            "RestoreCheckpointConfig.KEYS", "none");
    @ConfigKey.Doc("a staged patch applied the first time the target fails with a matching exception")
    static final ConfigKey HOT_PATCH = ConfigKey.section(Strategy.HOT_PATCH.wireName(), "HotPatchStrategyConfig.KEYS",
            "none");
    @ConfigKey.Doc("predict failures from the trend of the error rate, and act before they trip anything")
    static final ConfigKey PREDICTION = ConfigKey.section("prediction", "PredictionConfig.KEYS", "none");
    @ConfigKey.Doc("true: keep the target's circuit, isolation and learned strategies in state-dir across restarts")
    static final ConfigKey REMEMBER = ConfigKey.bool("remember", false);
    @ConfigKey.Doc("a token bucket: at most so many runs of the body per period; the calls beyond get the fallback"
            + " chain or RateLimitedException")
    static final ConfigKey RATE_LIMIT = ConfigKey.section(Strategy.RATE_LIMIT.wireName(), "RateLimitConfig.KEYS", "none");
    @ConfigKey.Doc("true: a value retry.on-result names, still returned when the attempts are spent, is answered by"
            + " the fallback chain instead")
    static final ConfigKey FALLBACK_ON_RESULT = ConfigKey.bool("fallback-on-result", false);
    @ConfigKey.Doc("for an idempotent method: a call not answered after a while gets a copy on another thread; the"
            + " first success answers")
    static final ConfigKey HEDGE = ConfigKey.section(Strategy.HEDGE.wireName(), "HedgeConfig.KEYS", "none");
    /** The keys {@code defaults:} may lay under every target. */
    static final List<ConfigKey> LAYERED_KEYS = ConfigKey.join(List.of(LEVEL, LATENCY, TIMEOUT, RETRY, FALLBACK,
            CIRCUIT_BREAKER, ISOLATE, RESTORE, RESTORE_CHECKPOINT, HOT_PATCH, PREDICTION, REMEMBER, RATE_LIMIT,
            FALLBACK_ON_RESULT, HEDGE, CONCURRENCY_LIMIT),
            AdaptiveConfig.KEYS);
    static final List<ConfigKey> KEYS = ConfigKey.join(IDENTITY_KEYS, LAYERED_KEYS);

    @ConfigKey.Doc("pkg.Class#name: a static method taking the woven method's parameters, optionally plus a Throwable")
    static final ConfigKey FALLBACK_METHOD = ConfigKey.of("method", ConfigKey.Type.METHOD_REF, null);
    @ConfigKey.Doc("a YAML literal converted to the return type")
    static final ConfigKey FALLBACK_VALUE = ConfigKey.of("value", ConfigKey.Type.LITERAL, null);
    @ConfigKey.Doc("the return type's empty value: 0, false, an empty collection, Optional.empty(), null")
    static final ConfigKey FALLBACK_EMPTY = ConfigKey.bool("empty", true);
    /** The keys of one fallback entry, which has exactly one of them. */
    static final List<ConfigKey> FALLBACK_KEYS = List.of(FALLBACK_METHOD, FALLBACK_VALUE, FALLBACK_EMPTY);

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
        for (Strategy s : Strategy.values()) {
            if (uses(s)) {
                return true;
            }
        }
        return latency || adaptive != null || (predicts() && prediction.action() != PredictionConfig.PreemptAction.NONE);
    }

    /** True when this target's config has {@code strategy}'s block: the one place a strategy meets its block. */
    public boolean uses(Strategy strategy) {
        // Comparisons, not a switch: a switch on an enum adds a class to load at start.
        return strategy == Strategy.TIMEOUT ? timeout != null
                : strategy == Strategy.RESTORE_CHECKPOINT ? restoreCheckpoint != null
                : strategy == Strategy.RESTORE ? restore != null
                : strategy == Strategy.HOT_PATCH ? hotPatch != null
                : strategy == Strategy.CIRCUIT_BREAKER ? circuitBreaker != null
                : strategy == Strategy.ISOLATE ? isolate != null
                : strategy == Strategy.CONCURRENCY_LIMIT ? concurrencyLimit != null
                : strategy == Strategy.RETRY ? retry != null
                : strategy == Strategy.RATE_LIMIT ? rateLimit != null
                : strategy == Strategy.HEDGE ? hedge != null
                : strategy == Strategy.FALLBACK && fallback != null && !fallback.isEmpty();
    }

    /**
     * True when the class (internal name) may be this target's by name: {@code class:} matches and
     * no {@code exclude:} glob does. Supertypes and annotations are decided from its class file.
     */
    public boolean namesClass(String internalName) {
        return classPattern != null && classPattern.matchesInternalName(internalName)
                && !selectors.excludes(internalName);
    }

    /**
     * True for a target without {@code class:}, {@code implements:} and {@code extends:}: it weaves
     * nothing and heals only the code run under its name ({@code SelfHeal.call}); its
     * {@link #classPattern()} is {@code null}. Its stages, counts and MBean are a target's all the same.
     */
    public boolean codeOnly() {
        return classPattern == null;
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
        if (node instanceof YamlNode.MapNode map && map.entry(LEVEL.name()) != null) {
            YamlNode levelNode = map.entry(LEVEL.name()).value();
            level = levelNode instanceof YamlNode.ScalarNode sc ? Level.byName(sc.text()) : null;
            if (level == null) {
                problems.add(levelNode, path.isEmpty() ? LEVEL.name() : path + "." + LEVEL.name(),
                        "must be basic, advanced or full, found " + (levelNode instanceof YamlNode.ScalarNode sc
                                ? "'" + sc.text() + "'" : levelNode.kind()));
            } else {
                node = level.preset().mergedWith(map);   // explicit keys (and defaults) override the preset
            }
        }
        Section s = Section.of(node, path, problems);
        s.node(LEVEL);
        String implementsText = className(s, IMPLEMENTS, "an interface");
        String extendsText = className(s, EXTENDS, "a class");
        String annotatedText = className(s, ANNOTATED, "an annotation type");
        boolean bySupertype = s.has(IMPLEMENTS) || s.has(EXTENDS);
        boolean classGiven = s.has(CLASS);
        String classText = s.string(CLASS);
        // No class: a target used only from code (SelfHeal.call), named in the code; it weaves nothing,
        // so the keys that choose methods of classes have nothing to choose from.
        boolean codeOnly = !classGiven && !bySupertype;
        if (codeOnly && (!s.has(NAME) || s.has(METHODS) || s.has(EXCLUDE) || s.has(ANNOTATED))) {
            s.problems().add(s.location(), s.keyPath(CLASS.name()), "is required (or implements: / extends:, to"
                    + " choose classes by a supertype)" + (s.has(NAME)
                    ? " when methods:, exclude: or annotated: is given; a target used only from code (SelfHeal.call)"
                            + " has none of them"
                    : "; a target used only from code (SelfHeal.call) needs name: instead"));
        }
        String name = s.string(NAME.name(), classText != null ? classText
                : implementsText != null ? implementsText : extendsText);
        if (classText != null && !NameSyntax.isDottedName(classText.trim(), "*?")) {
            s.problem(CLASS, "'" + classText + "' is not a class name or a glob (for example com.acme.InventoryClient"
                    + " or com.acme.**.*Client)");
            classText = null;
        }
        ClassPattern pattern = classText != null ? ClassPattern.parse(classText)
                : bySupertype && !classGiven ? ClassPattern.parse(EVERY_CLASS) : null;
        ClassSelectors selectors = new ClassSelectors(readExclude(s), ClassSelectors.internal(implementsText),
                ClassSelectors.internal(extendsText), ClassSelectors.descriptor(annotatedText),
                s.node(IMPLEMENTS), s.node(EXTENDS), s.node(ANNOTATED));
        List<MethodSelector> methods = readMethods(s);
        RetryConfig retry = s.has(RETRY) ? RetryConfig.read(s.section(RETRY)) : null;
        List<FallbackEntry> fallback = readFallback(s);
        CircuitBreakerConfig circuitBreaker = s.has(CIRCUIT_BREAKER)
                ? CircuitBreakerConfig.read(s.section(CIRCUIT_BREAKER)) : null;
        IsolateConfig isolate = s.has(ISOLATE) ? IsolateConfig.read(s.section(ISOLATE)) : null;
        Duration timeout = s.duration(TIMEOUT);
        if (timeout != null && timeout.isZero()) {
            s.problem(TIMEOUT, "must be more than 0 (leave it out for no timeout)");
            timeout = null;
        }
        RestoreConfig restore = s.has(RESTORE) ? RestoreConfig.read(s.section(RESTORE)) : null;
        RestoreCheckpointConfig restoreCheckpoint = s.has(RESTORE_CHECKPOINT)
                ? RestoreCheckpointConfig.read(s.section(RESTORE_CHECKPOINT)) : null;
        Section hotPatchSection = s.section(HOT_PATCH);
        HotPatchStrategyConfig hotPatch = hotPatchSection.isPresent() ? HotPatchStrategyConfig.read(hotPatchSection) : null;
        boolean latency = s.bool(LATENCY);
        PredictionConfig prediction = s.has(PREDICTION) ? PredictionConfig.read(s.section(PREDICTION)) : null;
        AdaptiveConfig adaptive = AdaptiveConfig.read(s);
        boolean remember = s.bool(REMEMBER);
        RateLimitConfig rateLimit = s.has(RATE_LIMIT) ? RateLimitConfig.read(s.section(RATE_LIMIT)) : null;
        boolean fallbackOnResult = s.bool(FALLBACK_ON_RESULT);
        HedgeConfig hedge = s.has(HEDGE) ? HedgeConfig.read(s.section(HEDGE), latency) : null;
        ConcurrencyLimitConfig concurrencyLimit = s.has(CONCURRENCY_LIMIT)
                ? ConcurrencyLimitConfig.read(s.section(CONCURRENCY_LIMIT)) : null;
        s.rejectUnknownKeys("key or strategy", KEYS);
        return new TargetConfig(name, pattern, methods, retry, fallback, circuitBreaker, isolate, timeout, hotPatch, latency,
                s.location(), restore, restoreCheckpoint, level, prediction, adaptive, remember, selectors,
                rateLimit, fallbackOnResult, hedge, concurrencyLimit);
    }

    /** A full class name (no glob) under {@code key}, or {@code null} when absent or not one. */
    private static String className(Section s, ConfigKey key, String what) {
        String text = s.string(key);
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("@") || !NameSyntax.isDottedName(t, "")) {
            s.problem(key, "'" + text + "' is not a full class name; write " + what + "'s name as Java does, without"
                    + " '@' or wildcards (for example " + (key == ANNOTATED ? "com.acme.Resilient" : "com.acme.PaymentGateway")
                    + ")");
            return null;
        }
        return t;
    }

    /** {@code exclude:}: one glob or a list, each checked as {@code class:} is. */
    private static List<ClassPattern> readExclude(Section s) {
        YamlNode n = s.node(EXCLUDE);
        if (n == null || n instanceof YamlNode.ScalarNode sc && sc.value() == null) {
            return List.of();
        }
        List<YamlNode> items = n instanceof YamlNode.ListNode list ? list.items() : List.of(n);
        List<ClassPattern> out = new ArrayList<>();
        for (YamlNode item : items) {
            String glob = item instanceof YamlNode.ScalarNode sc && sc.value() instanceof String str ? str.trim() : null;
            if (glob == null || !NameSyntax.isDottedName(glob, "*?")) {
                s.problems().add(item, s.keyPath(EXCLUDE.name()), (glob == null ? "expected a class name or glob, found "
                        + item.kind() : "'" + glob + "' is not a class name or a glob")
                        + " (for example \"**$$SpringCGLIB$$*\" or com.acme.internal.**)");
            } else {
                out.add(ClassPattern.parse(glob));
            }
        }
        return List.copyOf(out);
    }

    private static List<MethodSelector> readMethods(Section s) {
        if (!s.has(METHODS)) {
            return MethodSelector.all();
        }
        List<MethodSelector> out = new ArrayList<>();
        for (String text : s.strings(METHODS)) {
            try {
                out.add(MethodSelector.parse(text));
            } catch (IllegalArgumentException e) {
                s.problem(METHODS, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<FallbackEntry> readFallback(Section s) {
        List<FallbackEntry> chain = new ArrayList<>();
        List<YamlNode> items = s.list(FALLBACK);
        for (int i = 0; i < items.size(); i++) {
            Section entry = Section.of(items.get(i), s.keyPath(FALLBACK.name()) + "[" + i + "]", s.problems());
            FallbackEntry read = readFallbackEntry(entry, items.get(i));
            if (read != null) {
                chain.add(read);
            }
        }
        return List.copyOf(chain);
    }

    private static FallbackEntry readFallbackEntry(Section entry, YamlNode at) {
        int kinds = (entry.has(FALLBACK_METHOD) ? 1 : 0) + (entry.has(FALLBACK_VALUE) ? 1 : 0)
                + (entry.has(FALLBACK_EMPTY) ? 1 : 0);
        FallbackEntry result = null;
        if (kinds != 1 && entry.isPresent()) {
            entry.problems().add(at, entry.path(), "a fallback entry has exactly one of: method, value, empty");
        }
        if (entry.has(FALLBACK_METHOD)) {
            String[] ref = entry.classMember(FALLBACK_METHOD, "Class#method", "com.acme.Fallbacks#cached");
            if (ref != null) {
                result = new FallbackEntry.MethodFallback(ref[0], ref[1], entry.node(FALLBACK_METHOD));
            }
        } else if (entry.has(FALLBACK_VALUE)) {
            YamlNode v = entry.node(FALLBACK_VALUE);
            result = new FallbackEntry.ValueFallback(v.toPlain(), v);
        } else if (entry.has(FALLBACK_EMPTY)) {
            if (entry.bool(FALLBACK_EMPTY)) {
                result = new FallbackEntry.EmptyFallback(entry.node(FALLBACK_EMPTY));
            }
        }
        entry.rejectUnknownKeys("fallback key", FALLBACK_KEYS);
        return result;
    }
}
