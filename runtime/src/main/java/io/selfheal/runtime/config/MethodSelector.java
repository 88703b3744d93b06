package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code methods:}: a name or name glob ({@code fetch*}), optionally with parameter
 * types in Java source form ({@code reserve(java.lang.String,int)}, {@code put(byte[],long)}).
 * Without parentheses every overload of the name matches.
 */
public final class MethodSelector {
    private static final Pattern TYPE =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(\\[\\])*");

    private final String text;
    private final Pattern namePattern;
    private final String parameterDescriptor;

    private MethodSelector(String text, Pattern namePattern, String parameterDescriptor) {
        this.text = text;
        this.namePattern = namePattern;
        this.parameterDescriptor = parameterDescriptor;
    }

    /** @throws IllegalArgumentException with a user-facing message when malformed */
    public static MethodSelector parse(String text) {
        String t = text.replace(" ", "");
        int open = t.indexOf('(');
        String name = open < 0 ? t : t.substring(0, open);
        if (name.isEmpty() || !name.matches("[\\p{L}\\p{N}_$*?]+")) {
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
                    if (!TYPE.matcher(type).matches()) {
                        throw new IllegalArgumentException("'" + type + "' in '" + text + "' is not a type");
                    }
                    d.append(descriptorOf(type));
                }
            }
            params = d.append(')').toString();
        }
        String regex = name.replace("$", "\\$").replace("*", ".*").replace("?", ".");
        return new MethodSelector(text, Pattern.compile(regex), params);
    }

    /** @param descriptor the JVM method descriptor, such as {@code (Ljava/lang/String;I)V} */
    public boolean matches(String name, String descriptor) {
        if (!namePattern.matcher(name).matches()) {
            return false;
        }
        return parameterDescriptor == null || descriptor.startsWith(parameterDescriptor);
    }

    @Override
    public String toString() {
        return text;
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
