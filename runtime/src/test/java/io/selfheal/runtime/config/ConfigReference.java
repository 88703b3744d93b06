package io.selfheal.runtime.config;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the config reference ({@code docs/configuration.md}) and the JSON Schema editors check
 * the YAML with ({@code config-samples/selfheal.schema.json}) from the key lists the config
 * records declare ({@link ConfigKey}), starting at {@link ConfigLoader#KEYS}. Test code: it is
 * not shipped in the agent, and may use reflection to follow a block's {@link ConfigKey#keysOf()}.
 */
public final class ConfigReference {
    /** The command that regenerates both files; named in the header of each and by a failing test. */
    public static final String COMMAND = "mvn -B -q -pl runtime -am test -Dtest=ConfigReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dselfheal.regenerate=true";
    public static final String DOCS = "docs/configuration.md";
    public static final String SCHEMA = "config-samples/selfheal.schema.json";

    /** What {@code Durations.parse} accepts (a negative zero aside, which no one writes). */
    static final String DURATION_PATTERN = "^[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h|d)$";
    static final String SIZE_PATTERN = "^[0-9]+\\s*(B|KB|MB|GB)?$";
    private static final String START = "A-Za-z_$\\u0080-\\uffff";
    private static final String PART = "A-Za-z0-9_$\\u0080-\\uffff";
    /** {@code NameSyntax.isDottedName}, with any character past ASCII taken as a letter. */
    static final String CLASS_NAME_PATTERN = "^[" + START + "][" + PART + "]*(\\.[" + START + "][" + PART + "]*)*$";
    static final String CLASS_GLOB_PATTERN = "^[" + START + "*?][" + PART + "*?]*(\\.[" + START + "*?][" + PART
            + "*?]*)*$";
    static final String METHOD_REF_PATTERN = "^[^#\\s]+#[^#\\s]+$";

    /** One block of keys where it nests: its path ({@code targets[].retry}) and its keys. */
    record Block(String path, ConfigKey key, List<ConfigKey> keys) {
    }

    private ConfigReference() {
    }

    /** Writes both files under {@code root}, the repository's top directory. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "..");
        write(root.resolve(DOCS), markdown());
        write(root.resolve(SCHEMA), schema());
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Every block of keys, top level first, each followed by the blocks nested in it. */
    static List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        addBlock(out, "", null, ConfigLoader.KEYS);
        return out;
    }

    private static void addBlock(List<Block> out, String path, ConfigKey key, List<ConfigKey> keys) {
        out.add(new Block(path, key, keys));
        for (ConfigKey k : keys) {
            if (k.isRead() && k.keysOf() != null) {
                addBlock(out, childPath(path, k), k, keysOf(k));
            }
        }
    }

    private static String childPath(String path, ConfigKey k) {
        String p = path.isEmpty() ? k.name() : path + "." + k.name();
        return k.type() == ConfigKey.Type.SECTION_LIST ? p + "[]" : p;
    }

    private static Map<ConfigKey, String> meanings;

    /** What {@code k} means: the {@link ConfigKey.Doc} on the constant that holds it. */
    static synchronized String meaning(ConfigKey k) {
        if (meanings == null) {
            meanings = new IdentityHashMap<>();
            for (Class<?> c : configClasses()) {
                for (Field f : c.getDeclaredFields()) {
                    ConfigKey.Doc doc = f.getAnnotation(ConfigKey.Doc.class);
                    if (doc != null && Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigKey.class) {
                        meanings.put((ConfigKey) staticValue(f), doc.value());
                    }
                }
            }
        }
        String m = meanings.get(k);
        if (m == null) {
            throw new IllegalStateException("key '" + k.name() + "' is held by no constant with a @ConfigKey.Doc");
        }
        return m;
    }

    /** Every class of the config package, nested ones included, as compiled. */
    static List<Class<?>> configClasses() {
        List<Class<?>> out = new ArrayList<>();
        try {
            Path dir = Path.of(ConfigKey.class.getResource("ConfigKey.class").toURI()).getParent();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) {
                    String file = p.getFileName().toString();
                    if (file.endsWith(".class")) {
                        out.add(Class.forName(ConfigKey.class.getPackageName() + "."
                                + file.substring(0, file.length() - ".class".length())));
                    }
                }
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the config classes", e);
        }
        return out;
    }

    static Object staticValue(Field f) {
        try {
            f.setAccessible(true);
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(f.toString(), e);
        }
    }

    /** The key list a block names, as {@code "RetryConfig.KEYS"} or {@code "HotPatchConfig$TruststoreConfig.KEYS"}. */
    @SuppressWarnings("unchecked")
    static List<ConfigKey> keysOf(ConfigKey k) {
        String ref = k.keysOf();
        int dot = ref.lastIndexOf('.');
        try {
            Class<?> c = Class.forName(ConfigKey.class.getPackageName() + "." + ref.substring(0, dot));
            Field f = c.getDeclaredField(ref.substring(dot + 1));
            f.setAccessible(true);
            return (List<ConfigKey>) f.get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("key '" + k.name() + "' names keys " + ref + ", which do not exist", e);
        }
    }

    // ---------------------------------------------------------------- docs/configuration.md

    static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("<!-- Generated from the config records' key lists; do not edit by hand. -->\n")
                .append("Generated from the key lists of the config records (`KEYS` next to each `read` method in\n")
                .append("`runtime/src/main/java/io/selfheal/runtime/config/`), as is `").append(SCHEMA).append("`.\n")
                .append("Do not edit it: change the record's keys, then regenerate both files with\n\n")
                .append("```\n").append(COMMAND).append("\n```\n\n")
                .append("What each part does, with examples, is on its own page: [getting started](getting-started.md),\n")
                .append("[the strategies](strategies/README.md), [hot patching](hot-patching.md), [look-ahead](look-ahead.md),\n")
                .append("[operations](operations.md), [the healing log](healing-log.md). Keys are kebab-case. Durations are a\n")
                .append("number and a unit: `250ms`, `30s`, `1.5s`, `5m`, `2h`, `1d`. A key marked required must be\n")
                .append("present when its block is. A block written with no keys (`retry: {}`, or `retry:` alone)\n")
                .append("takes every default.\n");
        Map<String, String> describedAt = new LinkedHashMap<>();   // keysOf -> where those keys are described
        for (Block b : blocks()) {
            if (b.key() != null && !b.path().equals(describedAt.get(b.key().keysOf()))) {
                continue;   // the same keys as a block described before: its row says which
            }
            md.append("\n## ").append(b.path().isEmpty() ? "Top level" : "`" + b.path() + "`").append("\n\n");
            if (b.key() != null) {
                md.append(escaped(capitalized(meaning(b.key())))).append(".\n\n");
            }
            md.append("| key | type | default | meaning |\n|---|---|---|---|\n");
            for (ConfigKey k : b.keys()) {
                if (!k.isRead()) {
                    continue;
                }
                String path = b.path().isEmpty() ? k.name() : b.path() + "." + k.name();
                md.append("| `").append(path).append("` | ").append(typeText(k, b.path(), describedAt))
                        .append(" | ").append(escaped(defaultText(k))).append(" | ").append(escaped(meaning(k)))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** Plain text as Markdown shows it: no emphasis from globs' stars, no tags from {@code <state-dir>}. */
    private static String escaped(String text) {
        return text.replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String typeText(ConfigKey k, String parent, Map<String, String> describedAt) {
        switch (k.type()) {
            case STRING:
                return "text";
            case INT:
                return "whole number, " + whole(k.min()) + " to " + whole(k.max());
            case NUMBER:
                return "number, " + k.min() + " to " + k.max();
            case BOOLEAN:
                return "`true` or `false`";
            case DURATION:
                return "duration";
            case SIZE:
                return "size: a byte count, or a whole number and `KB`, `MB` or `GB`";
            case ENUM:
                return "one of " + codes(k.values());
            case ENUMS:
                return "one or a list of " + codes(k.values());
            case CLASS_NAME:
                return "class name";
            case CLASS_NAMES:
                return "class name, or a list of them";
            case CLASS_GLOB:
                return "class name or glob";
            case CLASS_GLOBS:
                return "class name or glob, or a list of them";
            case METHOD_SELECTORS:
                return "method name, glob or signature, or a list of them";
            case METHOD_REF:
                return "`Class#method`";
            case FIELD_NAMES:
                return "field name, or a list of them";
            case STRINGS:
                return "text, or a list of texts";
            case COUNT_OR_DURATION:
                return "whole number, " + whole(k.min()) + " to " + whole(k.max()) + "; or a duration";
            case LITERAL:
                return "any YAML value";
            case CONDITIONS:
                return "condition, or a list of them";
            case ACTIONS:
                return "action, or a list of them";
            case SECTION:
            case SECTION_LIST: {
                String what = k.type() == ConfigKey.Type.SECTION ? "block" : "list of blocks";
                String elsewhere = describedAt.putIfAbsent(k.keysOf(), childPath(parent, k));
                return elsewhere == null ? what + ", below" : what + " of the keys of `" + elsewhere + "`";
            }
            case STRATEGY_MAP:
                return "map: exception class name to one or a list of " + codes(k.values());
            default:
                throw new IllegalStateException("no text for " + k.type());
        }
    }

    private static String defaultText(ConfigKey k) {
        if (k.isRequired() && !k.requiredUnless().isEmpty()) {
            return "required, unless " + String.join(" or ", k.requiredUnless().stream().map(n -> "`" + n + "`")
                    .toList()) + " is given" + (k.defaultText() == null ? "" : " (then " + k.defaultText() + ")");
        }
        if (k.isRequired()) {
            return "required";
        }
        if (k.defaultText() != null) {
            return k.defaultText();
        }
        Object d = k.defaultValue();
        if (d == null) {
            return k.type() == ConfigKey.Type.SECTION ? "defaults" : "none";
        }
        if (d instanceof Duration duration) {
            return Durations.format(duration);
        }
        return d.toString();
    }

    private static String whole(double d) {
        return String.format("%,d", (long) d);
    }

    private static String codes(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add("`" + v + "`");
        }
        return String.join(", ", out);
    }

    // ---------------------------------------------------------------- selfheal.schema.json

    static String schema() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("$schema", "http://json-schema.org/draft-07/schema#");
        out.put("title", "selfheal agent config");
        out.put("description", "Generated from the config records' key lists; do not edit by hand. Regenerate: "
                + COMMAND);
        ObjectNode definitions = JsonNodeFactory.instance.objectNode();
        out.setAll(blockSchema(ConfigLoader.KEYS, "", false, new LinkedHashMap<>(), definitions));
        out.set("definitions", definitions);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return new ObjectMapper().writer(printer).writeValueAsString(out) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A closed mapping of {@code keys}; {@code nullable}: {@code key:} with nothing after it reads as empty. */
    private static ObjectNode blockSchema(List<ConfigKey> keys, String path, boolean nullable,
            Map<String, String> definitionNames, ObjectNode definitions) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        if (nullable) {
            s.set("type", f.arrayNode().add("object").add("null"));
        } else {
            s.put("type", "object");
        }
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = f.arrayNode();
        ArrayNode oneOfThem = null;
        for (ConfigKey k : keys) {
            if (!k.isRead()) {
                continue;
            }
            properties.set(k.name(), keySchema(k, path, definitionNames, definitions));
            if (k.isRequired() && !k.requiredUnless().isEmpty()) {
                // class, or else one of implements / extends: any one of them
                oneOfThem = f.arrayNode();
                oneOfThem.add(f.objectNode().set("required", f.arrayNode().add(k.name())));
                for (String other : k.requiredUnless()) {
                    oneOfThem.add(f.objectNode().set("required", f.arrayNode().add(other)));
                }
            } else if (k.isRequired()) {
                required.add(k.name());
            }
        }
        s.put("additionalProperties", false);
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        if (oneOfThem != null) {
            s.set("anyOf", oneOfThem);
        }
        return s;
    }

    private static ObjectNode keySchema(ConfigKey k, String parent, Map<String, String> definitionNames,
            ObjectNode definitions) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        s.put("description", meaning(k));
        switch (k.type()) {
            case STRING:
                s.put("type", "string");
                break;
            case INT:
                s.put("type", "integer");
                s.put("minimum", (long) k.min());
                s.put("maximum", (long) k.max());
                break;
            case NUMBER:
                s.put("type", "number");
                s.put("minimum", k.min());
                s.put("maximum", k.max());
                break;
            case BOOLEAN:
                s.put("type", "boolean");
                break;
            case DURATION:
                s.setAll(pattern(DURATION_PATTERN));
                break;
            case SIZE:
                // A byte count may be written as a plain YAML number, or as text with a unit.
                s.set("anyOf", JsonNodeFactory.instance.arrayNode().add(pattern(SIZE_PATTERN))
                        .add(JsonNodeFactory.instance.objectNode().put("type", "integer").put("minimum", 0)));
                break;
            case ENUM:
                s.put("type", "string");
                s.set("enum", strings(k.values()));
                break;
            case ENUMS:
                s.set("anyOf", oneOrList(enumOf(k.values())));
                break;
            case CLASS_NAME:
                s.setAll(pattern(CLASS_NAME_PATTERN));
                break;
            case CLASS_NAMES:
                s.set("anyOf", oneOrList(pattern(CLASS_NAME_PATTERN)));
                break;
            case CLASS_GLOB:
                s.setAll(pattern(CLASS_GLOB_PATTERN));
                break;
            case CLASS_GLOBS:
                s.set("anyOf", oneOrList(pattern(CLASS_GLOB_PATTERN)));
                break;
            case METHOD_REF:
                s.setAll(pattern(METHOD_REF_PATTERN));
                break;
            case METHOD_SELECTORS:
            case FIELD_NAMES:
            case STRINGS:
            case CONDITIONS:
            case ACTIONS:
                s.set("anyOf", oneOrList(f.objectNode().put("type", "string")));
                break;
            case COUNT_OR_DURATION:
                s.set("anyOf", f.arrayNode()
                        .add(f.objectNode().put("type", "integer").put("minimum", (long) k.min())
                                .put("maximum", (long) k.max()))
                        .add(pattern(DURATION_PATTERN)));
                break;
            case LITERAL:
                break;
            case SECTION:
                s.set("allOf", f.arrayNode().add(ref(k, parent, definitionNames, definitions)));
                break;
            case SECTION_LIST:
                s.set("type", f.arrayNode().add("array").add("null"));
                s.set("items", ref(k, parent, definitionNames, definitions));
                break;
            case STRATEGY_MAP:
                s.set("type", f.arrayNode().add("object").add("null"));
                s.set("propertyNames", pattern(CLASS_NAME_PATTERN));
                s.set("additionalProperties", f.objectNode().set("anyOf", oneOrList(enumOf(k.values()))));
                break;
            default:
                throw new IllegalStateException("no schema for " + k.type());
        }
        Object d = k.defaultValue();
        if (d instanceof Integer i) {
            s.put("default", i);
        } else if (d instanceof Double n) {
            s.put("default", n);
        } else if (d instanceof Boolean b) {
            s.put("default", b);
        } else if (d instanceof Duration duration) {
            s.put("default", Durations.format(duration));
        } else if (d instanceof String text) {
            s.put("default", text);
        }
        return s;
    }

    /** A reference to the definition of {@code k}'s block, defined the first time a block's keys are met. */
    private static ObjectNode ref(ConfigKey k, String parent, Map<String, String> definitionNames,
            ObjectNode definitions) {
        String name = definitionNames.get(k.keysOf());
        if (name == null) {
            String path = childPath(parent, k);
            name = path.replace("[]", "");
            definitionNames.put(k.keysOf(), name);
            definitions.putNull(name);   // holds its place, in the order blocks are met
            definitions.set(name, blockSchema(keysOf(k), path, true, definitionNames, definitions));
        }
        return JsonNodeFactory.instance.objectNode().put("$ref", "#/definitions/" + name);
    }

    private static ObjectNode pattern(String regex) {
        return JsonNodeFactory.instance.objectNode().put("type", "string").put("pattern", regex);
    }

    private static ObjectNode enumOf(List<String> values) {
        return JsonNodeFactory.instance.objectNode().put("type", "string").set("enum", strings(values));
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    /** One value of {@code item}, or a list of them (a single value reads as a list of one). */
    private static ArrayNode oneOrList(ObjectNode item) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return f.arrayNode().add(item).add(f.objectNode().put("type", "array").set("items", item.deepCopy()));
    }
}
