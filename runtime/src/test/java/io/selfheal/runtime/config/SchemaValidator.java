package io.selfheal.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON tree (a YAML config read by Jackson) against the subset of JSON Schema draft-07
 * that {@link ConfigReference#schema()} writes: {@code type}, {@code enum}, {@code pattern},
 * {@code minimum}, {@code maximum}, {@code properties}, {@code additionalProperties},
 * {@code required}, {@code propertyNames}, {@code items}, {@code anyOf}, {@code allOf} and local
 * {@code $ref}s to {@code #/definitions/...}. Any other keyword of the schema is an error here, so
 * the generator cannot start writing something this validator silently ignores.
 */
final class SchemaValidator {
    private static final List<String> IGNORED = List.of("$schema", "title", "description", "default", "definitions");

    private final JsonNode root;

    SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** Every violation, each as {@code path: what}; empty when {@code value} is valid. */
    List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(root, value, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        Iterator<Map.Entry<String, JsonNode>> keywords = schema.fields();
        while (keywords.hasNext()) {
            Map.Entry<String, JsonNode> kw = keywords.next();
            JsonNode arg = kw.getValue();
            switch (kw.getKey()) {
                case "$ref" -> check(resolve(arg.asText()), value, path, errors);
                case "type" -> checkType(arg, value, path, errors);
                case "enum" -> {
                    boolean found = false;
                    for (JsonNode allowed : arg) {
                        found |= allowed.equals(value);
                    }
                    if (!found) {
                        errors.add(path + ": " + value + " is not one of " + arg);
                    }
                }
                case "pattern" -> {
                    if (value.isTextual() && !Pattern.compile(arg.asText()).matcher(value.asText()).find()) {
                        errors.add(path + ": '" + value.asText() + "' does not match " + arg.asText());
                    }
                }
                case "minimum" -> {
                    if (value.isNumber() && value.asDouble() < arg.asDouble()) {
                        errors.add(path + ": " + value + " is below the minimum " + arg);
                    }
                }
                case "maximum" -> {
                    if (value.isNumber() && value.asDouble() > arg.asDouble()) {
                        errors.add(path + ": " + value + " is above the maximum " + arg);
                    }
                }
                case "properties" -> checkProperties(schema, value, path, errors);
                case "additionalProperties" -> {
                    if (!schema.has("properties")) {
                        checkProperties(schema, value, path, errors);
                    }
                }
                case "required" -> {
                    for (JsonNode name : arg) {
                        if (value.isObject() && !value.has(name.asText())) {
                            errors.add(path + ": required key '" + name.asText() + "' is missing");
                        }
                    }
                }
                case "propertyNames" -> {
                    if (value.isObject()) {
                        Iterator<String> names = value.fieldNames();
                        while (names.hasNext()) {
                            String name = names.next();
                            check(arg, com.fasterxml.jackson.databind.node.TextNode.valueOf(name),
                                    path + " key '" + name + "'", errors);
                        }
                    }
                }
                case "items" -> {
                    if (value.isArray()) {
                        for (int i = 0; i < value.size(); i++) {
                            check(arg, value.get(i), path + "[" + i + "]", errors);
                        }
                    }
                }
                case "allOf" -> {
                    for (JsonNode sub : arg) {
                        check(sub, value, path, errors);
                    }
                }
                case "anyOf" -> {
                    List<String> firstErrors = null;
                    for (JsonNode sub : arg) {
                        List<String> subErrors = new ArrayList<>();
                        check(sub, value, path, subErrors);
                        if (subErrors.isEmpty()) {
                            firstErrors = null;
                            break;
                        }
                        if (firstErrors == null) {
                            firstErrors = subErrors;
                        }
                    }
                    if (firstErrors != null) {
                        errors.add(path + ": matches none of the allowed forms, the first because "
                                + String.join("; ", firstErrors));
                    }
                }
                default -> {
                    if (!IGNORED.contains(kw.getKey())) {
                        throw new IllegalArgumentException("keyword '" + kw.getKey() + "' is not supported");
                    }
                }
            }
        }
    }

    /** {@code properties} and {@code additionalProperties} together: each key is checked by one of them. */
    private void checkProperties(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), at, errors);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                errors.add(at + ": unknown key '" + field.getKey() + "'");
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), at, errors);
            }
        }
    }

    private static void checkType(JsonNode type, JsonNode value, String path, List<String> errors) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isOfType(t.asText(), value)) {
                    return;
                }
            }
        } else if (isOfType(type.asText(), value)) {
            return;
        }
        errors.add(path + ": expected " + type + ", found " + value.getNodeType().name().toLowerCase()
                + (value.isValueNode() ? " " + value : ""));
    }

    private static boolean isOfType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("type '" + type + "' is not supported");
        };
    }

    private JsonNode resolve(String ref) {
        String prefix = "#/definitions/";
        if (!ref.startsWith(prefix) || !root.path("definitions").has(ref.substring(prefix.length()))) {
            throw new IllegalArgumentException("unresolvable $ref " + ref);
        }
        return root.path("definitions").get(ref.substring(prefix.length()));
    }
}
