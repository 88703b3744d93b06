package io.selfheal.runtime.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;

/**
 * One key of the YAML config, described once: its name, what its value is and its default here,
 * and a line saying what it means in the {@link Doc} on the constant that holds it. Each config
 * record lists its keys ({@code KEYS}) next to the {@code read} method that asks {@link Section}
 * for their values; unknown keys are judged against those lists, and {@code docs/configuration.md}
 * and {@code config-samples/selfheal.schema.json} are generated from them
 * ({@code ConfigReferenceTest}).
 *
 * <p>Plain fields and constructors, no lambdas and no reflection: the keys are built when a config
 * record is first used, inside {@code premain}. The meanings are annotations, which the JVM keeps
 * as unread bytes until something asks for them: only the generators do. A nested block names
 * the list of its keys as text ({@code "RetryConfig.KEYS"}) rather than by reference, so reading a
 * config loads the records of the blocks it uses and no others; the generators resolve the name.
 */
public final class ConfigKey {

    /** What a key means, in one line: on the constant that holds the key, for the generated reference. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Doc {
        String value();
    }

    /** What a key's value is. */
    public enum Type {
        /** Text. */
        STRING,
        /** A whole number within {@link #min()} and {@link #max()}. */
        INT,
        /** A number within {@link #min()} and {@link #max()}. */
        NUMBER,
        BOOLEAN,
        /** A number and a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} ({@link Durations}). */
        DURATION,
        /** A number and a unit of bytes: {@code 512KB}, {@code 100MB}, {@code 1GB}. */
        SIZE,
        /** One of {@link #values()}. */
        ENUM,
        /** One or a list of {@link #values()}. */
        ENUMS,
        /** A full class name ({@code com.acme.CartStore}). */
        CLASS_NAME,
        /** A full class name, or a list of them. */
        CLASS_NAMES,
        /** A class name or a glob of them ({@code com.acme.**.*Client}). */
        CLASS_GLOB,
        /** A class name or glob, or a list of them. */
        CLASS_GLOBS,
        /** A method name or glob, optionally with parameter types; or a list of them. */
        METHOD_SELECTORS,
        /** {@code pkg.Class#method}. */
        METHOD_REF,
        /** A Java field name, or a list of them. */
        FIELD_NAMES,
        /** Text, or a list of texts. */
        STRINGS,
        /** A whole number of calls, or a duration. */
        COUNT_OR_DURATION,
        /** Any YAML value. */
        LITERAL,
        /** A condition ({@code error-rate > 0.15}), or a list of them. */
        CONDITIONS,
        /** An action ({@code open-circuit}), or a list of them. */
        ACTIONS,
        /** A mapping of the keys in {@link #keysOf()}. */
        SECTION,
        /** A list of mappings of the keys in {@link #keysOf()}. */
        SECTION_LIST,
        /** A mapping of full exception class names to one or a list of {@link #values()}. */
        STRATEGY_MAP
    }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final String defaultText;
    private final double min;
    private final double max;
    private final List<String> values;
    private final String keysOf;
    private final boolean required;
    private final boolean readYet;
    /** For a required key: other keys any one of which, present, makes this one optional. */
    private final List<String> requiredUnless;

    private ConfigKey(String name, Type type, Object defaultValue, String defaultText, double min, double max,
            List<String> values, String keysOf, boolean required, boolean readYet) {
        this(name, type, defaultValue, defaultText, min, max, values, keysOf, required, readYet, List.of());
    }

    private ConfigKey(String name, Type type, Object defaultValue, String defaultText, double min, double max,
            List<String> values, String keysOf, boolean required, boolean readYet, List<String> requiredUnless) {
        this.requiredUnless = requiredUnless;
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.min = min;
        this.max = max;
        this.values = values;
        this.keysOf = keysOf;
        this.required = required;
        this.readYet = readYet;
    }

    /** A key whose value is read by hand; {@code defaultText} says what its absence means, or is null. */
    public static ConfigKey of(String name, Type type, String defaultText) {
        return new ConfigKey(name, type, null, defaultText, 0, 0, null, null, false, true);
    }

    public static ConfigKey string(String name, String def) {
        return new ConfigKey(name, Type.STRING, def, null, 0, 0, null, null, false, true);
    }

    public static ConfigKey bool(String name, boolean def) {
        return new ConfigKey(name, Type.BOOLEAN, def, null, 0, 0, null, null, false, true);
    }

    public static ConfigKey integer(String name, int def, int min, int max) {
        return new ConfigKey(name, Type.INT, def, null, min, max, null, null, false, true);
    }

    /** An integer key whose default is written as {@code defaultText} ("none" for an off switch). */
    public static ConfigKey integer(String name, int def, int min, int max, String defaultText) {
        return new ConfigKey(name, Type.INT, def, defaultText, min, max, null, null, false, true);
    }

    public static ConfigKey number(String name, double def, double min, double max) {
        return new ConfigKey(name, Type.NUMBER, def, null, min, max, null, null, false, true);
    }

    /** A number key whose default is written as {@code defaultText}. */
    public static ConfigKey number(String name, double def, double min, double max, String defaultText) {
        return new ConfigKey(name, Type.NUMBER, def, defaultText, min, max, null, null, false, true);
    }

    /** A whole number of calls within {@code min} and {@code max}, or a duration; {@code def} calls when absent. */
    public static ConfigKey countOrDuration(String name, int def, int min, int max) {
        return new ConfigKey(name, Type.COUNT_OR_DURATION, def, null, min, max, null, null, false, true);
    }

    /** {@code def} null: no default (the key's absence means "none"). */
    public static ConfigKey duration(String name, Duration def) {
        return new ConfigKey(name, Type.DURATION, def, null, 0, 0, null, null, false, true);
    }

    /** One of {@code values}, read as text; {@code def} is the one that applies when the key is absent. */
    public static ConfigKey oneOf(String name, String def, List<String> values) {
        return new ConfigKey(name, Type.ENUM, def, null, 0, 0, values, null, false, true);
    }

    /** One or a list of {@code values}. */
    public static ConfigKey someOf(String name, String defaultText, List<String> values) {
        return new ConfigKey(name, Type.ENUMS, null, defaultText, 0, 0, values, null, false, true);
    }

    /** A mapping of {@code full exception class name: one or a list of values}. */
    public static ConfigKey strategyMap(String name, List<String> values) {
        return new ConfigKey(name, Type.STRATEGY_MAP, null, "none", 0, 0, values, null, false, true);
    }

    /** A block of keys; {@code keysOf} names their list, as {@code "RetryConfig.KEYS"}. */
    public static ConfigKey section(String name, String keysOf, String defaultText) {
        return new ConfigKey(name, Type.SECTION, null, defaultText, 0, 0, null, keysOf, false, true);
    }

    /** A list of blocks of keys; {@code keysOf} names their list, as {@code "PolicyRule.KEYS"}. */
    public static ConfigKey sections(String name, String keysOf, String defaultText) {
        return new ConfigKey(name, Type.SECTION_LIST, null, defaultText, 0, 0, null, keysOf, false, true);
    }

    /** This key, which a valid block must have. */
    public ConfigKey required() {
        return new ConfigKey(name, type, defaultValue, defaultText, min, max, values, keysOf, true, readYet,
                requiredUnless);
    }

    /** This key, which a valid block must have unless it has one of {@code others} (the reader checks it). */
    public ConfigKey requiredUnless(String... others) {
        return new ConfigKey(name, type, defaultValue, defaultText, min, max, values, keysOf, true, readYet,
                List.of(others));
    }

    /** The keys that make a required key optional when present; empty when it is simply required. */
    public List<String> requiredUnless() {
        return requiredUnless;
    }

    /**
     * This key, declared before its record reads it: it is documented nowhere and rejected as
     * unknown until the reader asks for it and this mark is dropped.
     */
    public ConfigKey notReadYet() {
        return new ConfigKey(name, type, defaultValue, defaultText, min, max, values, keysOf, required, false,
                requiredUnless);
    }

    /** {@code first} then {@code second}, as one list (a loop: this runs in {@code premain}). */
    public static List<ConfigKey> join(List<ConfigKey> first, List<ConfigKey> second) {
        ConfigKey[] all = new ConfigKey[first.size() + second.size()];
        for (int i = 0; i < first.size(); i++) {
            all[i] = first.get(i);
        }
        for (int i = 0; i < second.size(); i++) {
            all[first.size() + i] = second.get(i);
        }
        return List.of(all);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The typed default ({@code Integer}, {@code Double}, {@code Boolean}, {@code Duration}, {@code String}), or null. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** How the default is written in the reference when it is not the default value itself, or null. */
    public String defaultText() {
        return defaultText;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The allowed values of an {@link Type#ENUM}, {@link Type#ENUMS} or {@link Type#STRATEGY_MAP} key, else null. */
    public List<String> values() {
        return values;
    }

    /** For a {@link Type#SECTION} or {@link Type#SECTION_LIST}: the list of its keys, as {@code "RetryConfig.KEYS"}. */
    public String keysOf() {
        return keysOf;
    }

    public boolean isRequired() {
        return required;
    }

    /** False while the key is declared ahead of the code that reads it (see {@link #notReadYet()}). */
    public boolean isRead() {
        return readYet;
    }

    int intDefault() {
        return (Integer) defaultValue;
    }

    double numberDefault() {
        return (Double) defaultValue;
    }

    @Override
    public String toString() {
        return name;
    }
}
