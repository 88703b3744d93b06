package io.selfheal.runtime.config;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a config file. Every problem is collected with its line, column and key,
 * and all of them are thrown together in one {@link ConfigException}.
 */
public final class ConfigLoader {

    @ConfigKey.Doc("what a config with problems does at start: disable reports them and runs unwoven; fail stops "
            + "the JVM")
    static final ConfigKey ON_CONFIG_ERROR = ConfigKey.oneOf("on-config-error", "disable", List.of("disable", "fail"));
    @ConfigKey.Doc("where the healing log goes")
    static final ConfigKey EVENTS = ConfigKey.section("events", "EventsConfig.KEYS", null);
    @ConfigKey.Doc("which strategies act on an exception type (full class name) when a strategy block has no "
            + "on:/ignore: of its own; rethrow: none of them")
    static final ConfigKey STRATEGIES = ConfigKey.strategyMap("strategies", StrategiesConfig.NAMES);
    @ConfigKey.Doc("strategy blocks and keys laid under every target; a target's own keys win, key by key")
    static final ConfigKey DEFAULTS = ConfigKey.section("defaults", "TargetConfig.LAYERED_KEYS", "none");
    @ConfigKey.Doc("the methods to weave and how they heal")
    static final ConfigKey TARGETS = ConfigKey.sections("targets", "TargetConfig.KEYS", "none");
    @ConfigKey.Doc("snapshots of chosen classes' fields, restored on demand or by restore-checkpoint")
    static final ConfigKey CHECKPOINTS = ConfigKey.section("checkpoints", "CheckpointsConfig.KEYS", "none");
    @ConfigKey.Doc("hot patching: a watched directory, signature checks, patches re-applied after a restart")
    static final ConfigKey HOT_PATCH = ConfigKey.section("hot-patch", "HotPatchConfig.KEYS", null);
    @ConfigKey.Doc("where the agent keeps state across restarts (applied patches, memory)")
    static final ConfigKey STATE_DIR = ConfigKey.of("state-dir", ConfigKey.Type.STRING, AgentConfig.DEFAULT_STATE_DIR);
    @ConfigKey.Doc("how the health of each target is judged from its error rate")
    static final ConfigKey HEALTH = ConfigKey.section("health", "HealthConfig.KEYS", null);
    @ConfigKey.Doc("the metrics and health endpoint (GET /metrics, GET /health); off without this block")
    static final ConfigKey HTTP = ConfigKey.section("http", "HttpConfig.KEYS", "none");
    @ConfigKey.Doc("true: re-read this file when it changes (a bad edit is rejected whole)")
    static final ConfigKey WATCH_CONFIG = ConfigKey.bool("watch-config", false);
    @ConfigKey.Doc("rules that act on targets' metrics")
    static final ConfigKey POLICIES = ConfigKey.section("policies", "PoliciesConfig.KEYS", "none");
    @ConfigKey.Doc("reclaimers the agent calls when the heap is nearly full, and before retrying an OutOfMemoryError")
    static final ConfigKey MEMORY = ConfigKey.section("memory", "MemoryConfig.KEYS", "none");
    @ConfigKey.Doc("fault-injection drills: off unless enabled, capped in rate and duration")
    static final ConfigKey DRILLS = ConfigKey.section("drills", "DrillsConfig.KEYS", null);
    @ConfigKey.Doc("healing in the application's own observability tools (OpenTelemetry)")
    static final ConfigKey OBSERVABILITY = ConfigKey.section("observability", "ObservabilityConfig.KEYS", null);
    /** The top-level keys. */
    static final List<ConfigKey> KEYS = List.of(ON_CONFIG_ERROR, EVENTS, TARGETS, DEFAULTS, STRATEGIES, CHECKPOINTS,
            HOT_PATCH, STATE_DIR, HEALTH, HTTP, WATCH_CONFIG, POLICIES, MEMORY,
            DRILLS, OBSERVABILITY);

    private ConfigLoader() {
    }

    public static AgentConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = readUtf8(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, 0, null,
                    "cannot read the config file: " + e)));
        }
        return parse(text, file.toString(), true);
    }

    /**
     * The file as strict UTF-8 (a malformed byte is an error, as with {@code Files.readString}),
     * read with the stream classes the JVM has already loaded: the channel classes behind
     * {@code Files.readString} are some twenty more classes to load in {@code premain}.
     */
    private static String readUtf8(Path file) throws IOException {
        byte[] bytes;
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            bytes = in.readAllBytes();
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /**
     * Reads {@code on-config-error} even from a file with other problems, so the agent knows
     * whether to stop the JVM. Falls back to {@link OnConfigError#DISABLE}.
     */
    public static OnConfigError onConfigErrorOf(Path file) {
        try {
            String text = readUtf8(file);
            YamlNode root = YamlTreeReader.read(text, new Problems(file.toString()));
            if (root instanceof YamlNode.MapNode map && map.entry(ON_CONFIG_ERROR.name()) != null
                    && map.entry(ON_CONFIG_ERROR.name()).value() instanceof YamlNode.ScalarNode s
                    && "fail".equals(s.text())) {
                return OnConfigError.FAIL;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the default applies
        }
        return OnConfigError.DISABLE;
    }

    /**
     * The config in {@code text}, checked for what the text alone can tell. {@link #load} checks
     * more: what the file names on this machine (the hot-patch trust store, its password variable).
     */
    public static AgentConfig parse(String text, String source) throws ConfigException {
        return parse(text, source, false);
    }

    private static AgentConfig parse(String text, String source, boolean onThisMachine) throws ConfigException {
        Problems problems = new Problems(source);
        YamlNode root = YamlTreeReader.read(text, problems);
        problems.throwIfAny();
        Section s = Section.of(root, "", problems);

        OnConfigError onError = readOnConfigError(s);
        EventsConfig events = EventsConfig.read(s.section(EVENTS));
        StrategiesConfig strategies = StrategiesConfig.read(s.section(STRATEGIES));
        YamlNode.MapNode defaults = readDefaults(s);
        List<TargetConfig> targets = readTargets(s, defaults);
        CheckpointsConfig checkpoints = s.has(CHECKPOINTS) ? CheckpointsConfig.read(s.section(CHECKPOINTS)) : null;
        requireCheckpointsWhereRestored(s, targets, checkpoints);
        HotPatchConfig hotPatch = HotPatchConfig.read(s.section(HOT_PATCH), onThisMachine);
        String stateDir = readStateDir(s);
        HealthConfig health = HealthConfig.read(s.section(HEALTH));
        HttpConfig http = s.has(HTTP) ? HttpConfig.read(s.section(HTTP)) : null;
        boolean watchConfig = s.bool(WATCH_CONFIG);
        ObservabilityConfig observability = ObservabilityConfig.read(s.section(OBSERVABILITY));
        PoliciesConfig policies = LevelPolicies.addPresets(
                s.has(POLICIES) ? PoliciesConfig.read(s.section(POLICIES)) : null, targets);
        requireLatencyWhereRead(s, targets, policies);
        MemoryConfig memory = s.has(MEMORY) ? MemoryConfig.read(s.section(MEMORY)) : null;
        requireReclaimersWhereNamed(s, policies, memory);
        DrillsConfig drills = DrillsConfig.read(s.section(DRILLS));
        s.rejectUnknownKeys("top-level key", KEYS);

        problems.throwIfAny();
        return new AgentConfig(source, onError, events, strategies, List.copyOf(targets), checkpoints, hotPatch,
                stateDir, health, http, watchConfig, policies, memory,
                drills, observability);
    }

    private static String readStateDir(Section s) {
        String dir = s.string(STATE_DIR.name(), null);   // null, not the default: remembers() asks whether it is set
        if (dir != null && dir.isBlank()) {
            s.problem(STATE_DIR, "must be a directory path, such as .selfheal/");
            return null;
        }
        return dir;
    }

    private static OnConfigError readOnConfigError(Section s) {
        String v = s.string(ON_CONFIG_ERROR);
        switch (v) {
            case "disable":
                return OnConfigError.DISABLE;
            case "fail":
                return OnConfigError.FAIL;
            default:
                s.problem(ON_CONFIG_ERROR, "must be 'disable' or 'fail', found '" + v + "'");
                return OnConfigError.DISABLE;
        }
    }

    /**
     * {@code defaults:} holds strategy blocks laid under every target. They are checked once here
     * (as a target without a class) so their problems are reported at their own lines.
     */
    private static YamlNode.MapNode readDefaults(Section s) {
        Section d = s.section(DEFAULTS);
        if (!d.isPresent()) {
            return null;
        }
        for (ConfigKey identity : TargetConfig.IDENTITY_KEYS) {
            if (d.has(identity)) {
                d.problem(identity, "belongs to a target, not to defaults");
            }
        }
        YamlNode.MapNode withClass = new YamlNode.MapNode(d.mapNode().line(), d.mapNode().column());
        withClass.put(new YamlNode.Entry("class", 0, 0, new YamlNode.ScalarNode(0, 0, "Defaults", "Defaults")));
        TargetConfig.read(withClass.mergedWith(d.mapNode()), null, "defaults", s.problems());
        return d.mapNode();
    }

    /** {@code restore-checkpoint:} restores the latest checkpoint, so there must be checkpoints. */
    private static void requireCheckpointsWhereRestored(Section s, List<TargetConfig> targets,
            CheckpointsConfig checkpoints) {
        if (checkpoints != null) {
            return;
        }
        for (TargetConfig t : targets) {
            if (t.restoreCheckpoint() != null) {
                s.problems().add(t.restoreCheckpoint().location(), "targets." + t.name() + ".restore-checkpoint",
                        "needs a top-level 'checkpoints:' block to say what a checkpoint holds");
            }
        }
    }

    /**
     * {@code latency-p99} is measured only on targets with {@code latency: true} (the woven path
     * times nothing otherwise): a rule reading it must name at least one such target.
     */
    private static void requireLatencyWhereRead(Section s, List<TargetConfig> targets, PoliciesConfig policies) {
        if (policies == null) {
            return;
        }
        for (PolicyRule rule : policies.rules()) {
            if (!readsLatency(rule)) {
                continue;
            }
            if (!measuresLatency(rule, targets)) {
                s.problems().add(rule.location(), "policies.rules[" + rule.index() + "].when",
                        "latency-p99 is measured only on targets with 'latency: true', and no target this rule"
                                + " names has it");
            }
        }
    }

    /** A policy's {@code reclaim [name]} needs {@code memory:}, and a name must be one of its reclaimers. */
    private static void requireReclaimersWhereNamed(Section s, PoliciesConfig policies, MemoryConfig memory) {
        if (policies == null) {
            return;
        }
        for (PolicyRule rule : policies.rules()) {
            for (io.selfheal.runtime.rules.PolicyAction a : rule.then()) {
                if (a.kind() != io.selfheal.runtime.rules.PolicyAction.Kind.RECLAIM) {
                    continue;
                }
                String key = "policies.rules[" + rule.index() + "].then";
                if (memory == null) {
                    s.problems().add(rule.location(), key, "'" + a + "' needs a top-level 'memory:' block with"
                            + " reclaimers");
                } else if (a.argument() != null && memory.reclaimer(a.argument()) == null) {
                    s.problems().add(rule.location(), key, "'" + a + "' names no reclaimer of 'memory:'; known: "
                            + memory.reclaimers().stream().map(ReclaimerEntry::name).toList());
                }
            }
        }
    }

    private static boolean measuresLatency(PolicyRule rule, List<TargetConfig> targets) {
        for (TargetConfig t : targets) {
            if (t.latency() && (rule.targets().isEmpty() || rule.appliesTo(t.name()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsLatency(PolicyRule rule) {
        for (io.selfheal.runtime.rules.Condition c : rule.when()) {
            if (c.metric() == io.selfheal.runtime.rules.Metric.LATENCY_P99) {
                return true;
            }
        }
        return false;
    }

    private static List<TargetConfig> readTargets(Section s, YamlNode.MapNode defaults) {
        List<TargetConfig> targets = new ArrayList<>();
        Map<String, TargetConfig> byName = new HashMap<>();
        List<YamlNode> items = s.list(TARGETS);
        for (int i = 0; i < items.size(); i++) {
            TargetConfig t = TargetConfig.read(items.get(i), defaults, "targets[" + i + "]", s.problems());
            if (t.name() == null) {
                continue;
            }
            TargetConfig earlier = byName.putIfAbsent(t.name(), t);
            if (earlier != null) {
                s.problems().add(t.location(), "targets[" + i + "].name", "target name '" + t.name()
                        + "' is used twice (first at line " + earlier.location().line() + ")");
            }
            targets.add(t);
        }
        return targets;
    }
}
