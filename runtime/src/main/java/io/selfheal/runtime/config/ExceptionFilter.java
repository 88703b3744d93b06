package io.selfheal.runtime.config;

import java.util.List;

/**
 * A strategy's {@code on:} and {@code ignore:} lists. The most specific listed type wins: the
 * thrown exception's own class is looked up first, then each superclass in turn, and the first
 * one named in either list decides. With no {@code on:} list every {@link Exception} matches
 * (never an {@link Error}: an OutOfMemoryError is not something to retry).
 */
public record ExceptionFilter(List<String> on, List<String> ignore) {

    public static final ExceptionFilter ALL_EXCEPTIONS = new ExceptionFilter(List.of(), List.of());

    @ConfigKey.Doc("exception types this strategy acts on (full class names); the most specific listed type wins")
    static final ConfigKey ON = ConfigKey.of("on", ConfigKey.Type.CLASS_NAMES, "every Exception");
    @ConfigKey.Doc("exception types this strategy never acts on")
    static final ConfigKey IGNORE = ConfigKey.of("ignore", ConfigKey.Type.CLASS_NAMES, "none");
    /** The keys every strategy block with an exception filter has. */
    static final List<ConfigKey> KEYS = List.of(ON, IGNORE);


    public boolean matches(Throwable thrown) {
        for (Class<?> c = thrown.getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getName();
            if (ignore.contains(name)) {
                return false;
            }
            if (on.contains(name)) {
                return true;
            }
        }
        return on.isEmpty() && thrown instanceof Exception;
    }

    /** Reads {@code on} and {@code ignore} from a strategy block. */
    public static ExceptionFilter read(Section s) {
        List<String> on = s.strings(ON);
        List<String> ignore = s.strings(IGNORE);
        check(s, ON, on);
        check(s, IGNORE, ignore);
        if (on.isEmpty() && ignore.isEmpty()) {
            return ALL_EXCEPTIONS;
        }
        return new ExceptionFilter(on, ignore);
    }

    private static void check(Section s, ConfigKey key, List<String> names) {
        for (String n : names) {
            if (!NameSyntax.isDottedName(n, "")) {
                s.problem(key, "'" + n + "' is not a class name (write it in full: java.io.IOException)");
            }
        }
    }
}
