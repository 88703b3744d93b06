package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code methods:}: a name or name glob ({@code fetch*}), optionally with parameter
 * types in Java source form ({@code reserve(java.lang.String,int)}, {@code put(byte[],long)}).
 * Without parentheses every overload of the name matches.
 */
public final class MethodSelector {
    private final String text;
    /** The name or glob: {@code *} any run of characters, {@code ?} one; matched by hand, not by regex (agent start). */
    private final String nameGlob;
    private final String parameterDescriptor;

    private MethodSelector(String text, String nameGlob, String parameterDescriptor) {
        this.text = text;
        this.nameGlob = nameGlob;
        this.parameterDescriptor = parameterDescriptor;
    }

    /** @throws IllegalArgumentException with a user-facing message when malformed */
    public static MethodSelector parse(String text) {
        String t = text.replace(" ", "");
        int open = t.indexOf('(');
        String name = open < 0 ? t : t.substring(0, open);
        if (!NameSyntax.isMethodNameOrGlob(name)) {
            throw new IllegalArgumentException("'" + text + "' is not a method name or glob");
        }
        String params = null;
        if (open >= 0) {
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("'" + text + "' has no closing parenthesis");
            }
            String inner = t.substring(open + 1, t.length() - 1);
            StringBuilder d = new StringBuilder("(");
            if (!inner.isEmpty()) {
                for (String type : inner.split(",")) {
                    if (!NameSyntax.isTypeName(type)) {
                        throw new IllegalArgumentException("'" + type + "' in '" + text + "' is not a type");
                    }
                    d.append(descriptorOf(type));
                }
            }
            params = d.append(')').toString();
        }
        return new MethodSelector(text, name, params);
    }

    /** @param descriptor the JVM method descriptor, such as {@code (Ljava/lang/String;I)V} */
    public boolean matches(String name, String descriptor) {
        if (!globMatches(nameGlob, name)) {
            return false;
        }
        return parameterDescriptor == null || descriptor.startsWith(parameterDescriptor);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Whether {@code name} matches {@code glob} ({@code *} any run, {@code ?} one character), by code point,
     * as the regular expression with {@code *} as {@code .*} and {@code ?} as {@code .} did: neither
     * wildcard crosses a line terminator, and no glob character is one, so a name with one never matches.
     */
    static boolean globMatches(String glob, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (ClassPattern.isLineTerminator(name.charAt(i))) {
                return false;
            }
        }
        int g = 0;
        int n = 0;
        int starGlob = -1;
        int starName = -1;
        while (n < name.length()) {
            if (g < glob.length()) {
                int gc = glob.codePointAt(g);
                int nc = name.codePointAt(n);
                if (gc == '*') {
                    starGlob = g;
                    starName = n;
                    g++;
                    continue;
                }
                if (gc == '?' || gc == nc) {
                    g += Character.charCount(gc);
                    n += Character.charCount(nc);
                    continue;
                }
            }
            if (starGlob < 0) {
                return false;
            }
            // Let the last '*' take one more character and retry from just after it.
            starName += Character.charCount(name.codePointAt(starName));
            n = starName;
            g = starGlob + 1;
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** {@code java.lang.String[]} to {@code [Ljava/lang/String;}. */
    static String descriptorOf(String javaType) {
        int dims = 0;
        String base = javaType;
        while (base.endsWith("[]")) {
            dims++;
            base = base.substring(0, base.length() - 2);
        }
        String d = switch (base) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            case "void" -> "V";
            default -> "L" + base.replace('.', '/') + ";";
        };
        return "[".repeat(dims) + d;
    }

    static List<MethodSelector> all() {
        List<MethodSelector> l = new ArrayList<>();
        l.add(parse("*"));
        return l;
    }
}
