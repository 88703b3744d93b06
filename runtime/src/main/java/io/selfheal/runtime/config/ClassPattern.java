package io.selfheal.runtime.config;

import java.util.regex.Pattern;

/**
 * A class name, exact ({@code com.acme.InventoryClient}) or a glob: {@code *} is any part of one
 * name segment, {@code **} any number of whole package segments, {@code ?} one character.
 * Matching is on the JVM's internal name ({@code com/acme/InventoryClient}) so the class-load
 * hook needs no conversion; the literal prefix is checked before the wildcards. Matched by hand,
 * not by a regular expression: every glob target of a config is parsed at agent start.
 */
public final class ClassPattern {
    private final String text;
    private final String exactInternalName;
    private final String literalInternalPrefix;
    /** The glob on internal names (slashes for dots); {@code null} when exact. */
    private final String internalGlob;
    /**
     * Only for a glob with characters outside the BMP: the regular expression such globs were
     * always matched with, kept so they match as before (it quotes each half of a surrogate pair
     * apart, so they never matched). {@code null} otherwise.
     */
    private final Pattern legacyRegex;

    private ClassPattern(String text) {
        this.text = text;
        String internal = text.replace('.', '/');
        int wildcard = indexOfWildcard(internal);
        if (wildcard < 0) {
            exactInternalName = internal;
            literalInternalPrefix = internal;
            internalGlob = null;
            legacyRegex = null;
        } else {
            exactInternalName = null;
            literalInternalPrefix = internal.substring(0, wildcard);
            internalGlob = internal;
            legacyRegex = hasSurrogate(internal) ? Pattern.compile(toRegex(internal)) : null;
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

    /** The internal name up to the first wildcard (all of it when exact): every match starts with it. */
    public String literalInternalPrefix() {
        return literalInternalPrefix;
    }

    public boolean matchesInternalName(String internalName) {
        if (exactInternalName != null) {
            return exactInternalName.equals(internalName);
        }
        if (!internalName.startsWith(literalInternalPrefix)) {
            return false;
        }
        return legacyRegex != null ? legacyRegex.matcher(internalName).matches()
                : globMatches(internalGlob, literalInternalPrefix.length(), internalName, literalInternalPrefix.length());
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

    /**
     * Whether {@code name} from {@code n} matches {@code glob} from {@code g}: two stars and a slash
     * are zero or more whole packages ({@code (?:[^/]+/)}, repeated), other two stars any run of characters but
     * line terminators ({@code .*}), {@code *} any run within one name segment ({@code [^/]*}),
     * {@code ?} one character but {@code /} ({@code [^/]}), anything else itself: the regular
     * expression this replaced, with its backtracking.
     */
    static boolean globMatches(String glob, int g, String name, int n) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                boolean twoStars = g + 1 < glob.length() && glob.charAt(g + 1) == '*';
                if (twoStars && g + 2 < glob.length() && glob.charAt(g + 2) == '/') {
                    for (int at = n; ; ) {
                        if (globMatches(glob, g + 3, name, at)) {
                            return true;
                        }
                        int slash = name.indexOf('/', at);
                        if (slash <= at) {
                            return false;   // no further package, or an empty one
                        }
                        at = slash + 1;
                    }
                }
                int rest = twoStars ? g + 2 : g + 1;
                for (int at = n; ; ) {
                    if (globMatches(glob, rest, name, at)) {
                        return true;
                    }
                    if (at >= name.length()) {
                        return false;
                    }
                    int cp = name.codePointAt(at);
                    if (twoStars ? isLineTerminator(cp) : cp == '/') {
                        return false;
                    }
                    at += Character.charCount(cp);
                }
            }
            if (n >= name.length()) {
                return false;
            }
            if (c == '?') {
                int cp = name.codePointAt(n);
                if (cp == '/') {
                    return false;
                }
                n += Character.charCount(cp);
            } else {
                if (name.charAt(n) != c) {
                    return false;
                }
                n++;
            }
            g++;
        }
        return n == name.length();
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The glob as a regular expression: the reference the hand-written matcher is tested against. */
    static String toRegex(String internalGlob) {
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

    /** What {@code .} of a regular expression does not match. */
    static boolean isLineTerminator(int c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
