package io.selfheal.runtime.jmx;

import java.util.ArrayList;
import java.util.List;

/**
 * A drill's options as one line (the {@code startDrill} operation's one argument): split on spaces;
 * double quotes keep spaces together, and inside them a backslash escapes a quote or a backslash.
 */
public final class DrillOptions {
    private DrillOptions() {
    }

    /** The line, each option quoted, that {@link #split} reads back as {@code options}. */
    public static String join(java.util.List<String> options) {
        StringBuilder sb = new StringBuilder();
        for (String o : options) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('"').append(o.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.toString();
    }

    public static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length()
                    && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                word.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("an unclosed double quote in: " + line);
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out.toArray(new String[0]);
    }
}
