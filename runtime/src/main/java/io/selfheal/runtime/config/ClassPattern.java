package io.selfheal.runtime.config;

import java.util.regex.Pattern;

/**
 * A class name, exact ({@code com.acme.InventoryClient}) or a glob: {@code *} is any part of one
 * name segment, {@code **} any number of whole package segments, {@code ?} one character.
 * Matching is on the JVM's internal name ({@code com/acme/InventoryClient}) so the class-load
 * hook needs no conversion; the literal prefix is checked before the regular expression.
 */
public final class ClassPattern {
    private final String text;
    private final String exactInternalName;
    private final String literalInternalPrefix;
    private final Pattern regex;

    private ClassPattern(String text) {
        this.text = text;
        String internal = text.replace('.', '/');
        int wildcard = indexOfWildcard(internal);
        if (wildcard < 0) {
            exactInternalName = internal;
            literalInternalPrefix = internal;
            regex = null;
        } else {
            exactInternalName = null;
            literalInternalPrefix = internal.substring(0, wildcard);
            regex = Pattern.compile(toRegex(internal));
        }
    }

    public static ClassPattern parse(String text) {
        return new ClassPattern(text.trim());
    }

    public boolean isExact() {
        return exactInternalName != null;
    }

    /** The internal name when exact, else {@code null}. */
    public String exactInternalName() {
        return exactInternalName;
    }

    public boolean matchesInternalName(String internalName) {
        if (exactInternalName != null) {
            return exactInternalName.equals(internalName);
        }
        return internalName.startsWith(literalInternalPrefix) && regex.matcher(internalName).matches();
    }

    public boolean matchesClassName(String className) {
        return matchesInternalName(className.replace('.', '/'));
    }

    @Override
    public String toString() {
        return text;
    }

    private static int indexOfWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    private static String toRegex(String internalGlob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < internalGlob.length(); i++) {
            char c = internalGlob.charAt(i);
            if (c == '*' && i + 1 < internalGlob.length() && internalGlob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < internalGlob.length() && internalGlob.charAt(i + 1) == '/') {
                    i++;
                    re.append("(?:[^/]+/)*");   // "**/": zero or more whole packages
                } else {
                    re.append(".*");
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
