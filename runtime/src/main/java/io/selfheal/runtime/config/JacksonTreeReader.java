package io.selfheal.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/** Parses any YAML text with Jackson into a {@link YamlNode} tree that keeps every value's line and column. */
final class JacksonTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private JacksonTreeReader() {
    }

    /**
     * @return the document's root, or {@code null} for an empty document; a syntax error and a
     *     duplicated key are added to {@code problems}
     */
    static YamlNode read(String text, Problems problems) {
        JsonParser parser = null;
        try {
            parser = FACTORY.createParser(text);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            return readValue(parser, problems, "");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    parser == null ? null : keyPath(parser.getParsingContext()),
                    "not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
            return null;
        } catch (IOException e) {
            problems.add(0, 0, null, "cannot read: " + e.getMessage());
            return null;
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // nothing was written
                }
            }
        }
    }

    /** The key the parser was inside when the YAML broke ({@code targets[0].retry}), or null at the top. */
    private static String keyPath(com.fasterxml.jackson.core.JsonStreamContext ctx) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.core.JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
                    : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
            path.insert(0, part);
        }
        String p = path.toString();
        if (p.startsWith(".")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? null : p;
    }

    private static YamlNode readValue(JsonParser p, Problems problems, String path)
            throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                YamlNode.MapNode map = new YamlNode.MapNode(line, col);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    p.nextToken();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = readValue(p, problems, childPath);
                    YamlNode.Entry earlier = map.put(
                            new YamlNode.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
                    if (earlier != null) {
                        problems.add(kl.getLineNr(), kl.getColumnNr(), childPath,
                                YamlNode.MapNode.duplicatedKey(earlier));
                    }
                }
                return map;
            }
            case START_ARRAY: {
                YamlNode.ListNode list = new YamlNode.ListNode(line, col);
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, problems, path + "[" + i++ + "]"));
                }
                return list;
            }
            case VALUE_STRING:
                return new YamlNode.ScalarNode(line, col, p.getText(), p.getText());
            case VALUE_NUMBER_INT:
                return new YamlNode.ScalarNode(line, col, p.getText(), p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.ScalarNode(line, col, p.getText(), p.getDoubleValue());
            case VALUE_TRUE:
                return new YamlNode.ScalarNode(line, col, p.getText(), Boolean.TRUE);
            case VALUE_FALSE:
                return new YamlNode.ScalarNode(line, col, p.getText(), Boolean.FALSE);
            case VALUE_NULL:
                return new YamlNode.ScalarNode(line, col, p.getText(), null);
            default:
                // Anchors, tags and binary values arrive as embedded objects; treat them as text.
                return new YamlNode.ScalarNode(line, col, p.getText(), p.getText());
        }
    }
}
