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
        return parse(text, file.toString());
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
            if (root instanceof YamlNode.MapNode map && map.entry("on-config-error") != null
                    && map.entry("on-config-error").value() instanceof YamlNode.ScalarNode s
                    && "fail".equals(s.text())) {
                return OnConfigError.FAIL;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the default applies
        }
        return OnConfigError.DISABLE;
    }

    public static AgentConfig parse(String text, String source) throws ConfigException {
        Problems problems = new Problems(source);
        YamlNode root = YamlTreeReader.read(text, problems);
        problems.throwIfAny();
        Section s = Section.of(root, "", problems);

        OnConfigError onError = readOnConfigError(s);
        EventsConfig events = EventsConfig.read(s.section("events"));
        StrategiesConfig strategies = StrategiesConfig.read(s.section("strategies"));
        YamlNode.MapNode defaults = readDefaults(s);
        List<TargetConfig> targets = readTargets(s, defaults);
        CheckpointsConfig checkpoints = s.has("checkpoints") ? CheckpointsConfig.read(s.section("checkpoints")) : null;
        requireCheckpointsWhereRestored(s, targets, checkpoints);
        HotPatchConfig hotPatch = HotPatchConfig.read(s.section("hot-patch"));
        String stateDir = readStateDir(s);
        HealthConfig health = HealthConfig.read(s.section("health"));
        HttpConfig http = s.has("http") ? HttpConfig.read(s.section("http")) : null;
        boolean watchConfig = s.bool("watch-config", false);
        PoliciesConfig policies = LevelPolicies.addPresets(
                s.has("policies") ? PoliciesConfig.read(s.section("policies")) : null, targets);
        requireLatencyWhereRead(s, targets, policies);
        s.rejectUnknownKeys("top-level key");

        problems.throwIfAny();
        return new AgentConfig(source, onError, events, strategies, List.copyOf(targets), checkpoints, hotPatch,
                stateDir, health, http, watchConfig, policies);
    }

    private static String readStateDir(Section s) {
        String dir = s.string("state-dir", null);
        if (dir != null && dir.isBlank()) {
            s.problem("state-dir", "must be a directory path, such as .selfheal/");
            return null;
        }
        return dir;
    }

    private static OnConfigError readOnConfigError(Section s) {
        String v = s.string("on-config-error", "disable");
        switch (v) {
            case "disable":
                return OnConfigError.DISABLE;
            case "fail":
                return OnConfigError.FAIL;
            default:
                s.problem("on-config-error", "must be 'disable' or 'fail', found '" + v + "'");
                return OnConfigError.DISABLE;
        }
    }

    /**
     * {@code defaults:} holds strategy blocks laid under every target. They are checked once here
     * (as a target without a class) so their problems are reported at their own lines.
     */
    private static YamlNode.MapNode readDefaults(Section s) {
        Section d = s.section("defaults");
        if (!d.isPresent()) {
            return null;
        }
        for (String identity : List.of("name", "class", "methods")) {
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

    private static boolean measuresLatency(PolicyRule rule, List<TargetConfig> targets) {
        for (TargetConfig t : targets) {
            if (t.latency() && (rule.targets().isEmpty() || rule.appliesTo(t.name()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsLatency(PolicyRule rule) {
        for (io.selfheal.runtime.policy.Condition c : rule.when()) {
            if (c.metric() == io.selfheal.runtime.policy.Metric.LATENCY_P99) {
                return true;
            }
        }
        return false;
    }

    private static List<TargetConfig> readTargets(Section s, YamlNode.MapNode defaults) {
        List<TargetConfig> targets = new ArrayList<>();
        Map<String, TargetConfig> byName = new HashMap<>();
        List<YamlNode> items = s.list("targets");
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
