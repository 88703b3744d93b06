package io.selfheal.runtime.config;

import java.util.Locale;

/**
 * {@code level:} on a target: a preset of strategy blocks laid under the target's own keys (and
 * under {@code defaults:}), so explicit keys always win.
 *
 * <ul>
 *   <li>{@code basic}: retry and a circuit breaker, each with its defaults;
 *   <li>{@code advanced}: basic plus {@code prediction: {}} and {@code strategy: adaptive} over
 *       {@code [retry, fallback]};
 *   <li>{@code full}: advanced plus {@code remember: true} (the target's state is kept in
 *       {@code state-dir} across restarts) and a policy rule of its own (see {@link LevelPolicies}).
 * </ul>
 */
public enum Level {
    BASIC("retry: {}\ncircuit-breaker: {}\n"),
    ADVANCED(BASIC.preset + "prediction: {}\nstrategy: adaptive\ncandidates: [ retry, fallback ]\n"),
    FULL(ADVANCED.preset + "remember: true\n");

    private final String preset;

    Level(String preset) {
        this.preset = preset;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset as YAML text (for documentation and tests). */
    public String presetYaml() {
        return preset;
    }

    /** The preset as a tree (its locations are lines of the preset text, not of the user's file). */
    YamlNode.MapNode preset() {
        Problems problems = new Problems("level " + wireName());
        YamlNode root = YamlTreeReader.read(preset, problems);
        if (!problems.isEmpty() || !(root instanceof YamlNode.MapNode map)) {
            throw new IllegalStateException("invalid preset for level " + wireName() + ": " + problems.sorted());
        }
        return map;
    }

    static Level byName(String name) {
        for (Level l : values()) {
            if (l.wireName().equals(name)) {
                return l;
            }
        }
        return null;
    }
}
