package io.selfheal.agent.patch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code META-INF/selfheal-patch.yaml}: flat {@code key: value} lines ({@code id},
 * {@code description}) and a {@code probation:} mapping, whose text (its indented lines, or a
 * flow mapping on its line) is kept whole for {@code ProbationConfig.parse}. The two scalars are
 * read by hand: the jar's id is needed before anything else of it is.
 */
final class PatchMetadata {
    static final String PROBATION = "probation";

    private PatchMetadata() {
    }

    static Map<String, String> parse(String text) throws PatchRejectedException {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals("---")) {
                continue;
            }
            int colon = t.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                throw new PatchRejectedException(PatchJar.METADATA + " line " + lineNo + ": expected 'key: value'");
            }
            String key = t.substring(0, colon).strip();
            String value = unquote(t.substring(colon + 1).strip());
            if (key.equals(PROBATION)) {
                // the block: this line and the indented (or blank, or comment) lines under it
                StringBuilder block = new StringBuilder(line).append('\n');
                while (i + 1 < lines.length && (lines[i + 1].isBlank() || Character.isWhitespace(lines[i + 1].charAt(0)))) {
                    block.append(lines[++i]).append('\n');
                }
                value = "\n".repeat(lineNo - 1) + block;   // line numbers in problems are the file's
            } else if (!key.equals("id") && !key.equals("description")) {
                throw new PatchRejectedException(PatchJar.METADATA + " line " + lineNo + ": unknown key '" + key
                        + "' (known: id, description, probation)");
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
