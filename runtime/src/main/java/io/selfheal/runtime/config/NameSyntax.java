package io.selfheal.runtime.config;

/**
 * The syntax checks of Java names written in a config (class names, globs, parameter types,
 * method names), by hand rather than by regular expression: they run for every target at every
 * agent start, where compiling and running patterns in the interpreter costs milliseconds.
 * Letters and digits are Unicode's, as {@code \p{L}} and {@code \p{N}} would take them.
 */
final class NameSyntax {
    private NameSyntax() {
    }

    /**
     * {@code [\p{L}_$X][\p{L}\p{N}_$X]*(\.[\p{L}_$X][\p{L}\p{N}_$X]*)*} where {@code X} is any
     * character of {@code alsoAllowed}: dot-separated segments, none empty, none starting with a digit.
     */
    static boolean isDottedName(String s, String alsoAllowed) {
        boolean segmentStart = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == '.' && !segmentStart) {
                segmentStart = true;
                continue;
            }
            boolean ok = segmentStart ? isNameStart(c, alsoAllowed) : isNamePart(c, alsoAllowed);
            if (!ok) {
                return false;
            }
            segmentStart = false;
        }
        return !segmentStart;
    }

    /** {@code [\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*(\[\])*}: a type as Java source writes it. */
    static boolean isTypeName(String s) {
        String base = s;
        while (base.endsWith("[]")) {
            base = base.substring(0, base.length() - 2);
        }
        return isDottedName(base, "");
    }

    /** {@code [\p{L}\p{N}_$*?]+}: a method name or a glob of one. */
    static boolean isMethodNameOrGlob(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (!isNamePart(c, "*?")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(int c, String alsoAllowed) {
        return Character.isLetter(c) || c == '_' || c == '$' || alsoAllowed.indexOf(c) >= 0;
    }

    private static boolean isNamePart(int c, String alsoAllowed) {
        return isNameStart(c, alsoAllowed) || isNumber(c);
    }

    /** {@code \p{N}}: decimal digits, letter numbers and other numbers. */
    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
