package io.selfheal.agent.patch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code META-INF/selfheal-patch.yaml}: flat {@code key: value} lines ({@code id},
 * {@code description}). Read by hand: it is two scalar keys, and the shaded YAML parser is not
 * needed for that.
 */
final class PatchMetadata {
    private PatchMetadata() {
    }

    static Map<String, String> parse(String text) throws PatchRejectedException {
        Map<String, String> out = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\\R")) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals("---")) {
                continue;
            }
            int colon = t.indexOf(':');
            if (colon <= 0) {
                throw new PatchRejectedException(PatchJar.METADATA + " line " + lineNo + ": expected 'key: value'");
            }
            String key = t.substring(0, colon).strip();
            String value = unquote(t.substring(colon + 1).strip());
            if (!key.equals("id") && !key.equals("description")) {
                throw new PatchRejectedException(PatchJar.METADATA + " line " + lineNo + ": unknown key '" + key
                        + "' (known: id, description)");
            }
            out.put(key, value);
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
