package io.selfheal.runtime.rules;

/**
 * One parsed {@code then:} entry. {@code argument} is the patch id for {@code apply-patch} and
 * {@code rollback-patch}, {@code Class#method} for {@code invoke}, the reclaimer's name (or {@code null}: all of
 * them) for {@code reclaim}, the limit for {@code set-limit}, and {@code null} otherwise.
 */
public record PolicyAction(Kind kind, String argument) {

    /** The action names are public contract. */
    public enum Kind {
        OPEN_CIRCUIT("open-circuit", false),
        CLOSE_CIRCUIT("close-circuit", false),
        ISOLATE("isolate", false),
        RELEASE("release", false),
        RESTORE_CHECKPOINT("restore-checkpoint", false),
        APPLY_PATCH("apply-patch", true),
        ROLLBACK_PATCH("rollback-patch", true),
        ALERT("alert", false),
        INVOKE("invoke", true),
        /** {@code reclaim} runs every reclaimer of {@code memory:}; {@code reclaim <name>} one of them. */
        RECLAIM("reclaim", false),
        SET_LIMIT("set-limit", true);

        private final String wireName;
        private final boolean takesArgument;

        Kind(String wireName, boolean takesArgument) {
            this.wireName = wireName;
            this.takesArgument = takesArgument;
        }

        public String wireName() {
            return wireName;
        }

        static Kind byName(String name) {
            for (Kind k : values()) {
                if (k.wireName.equals(name)) {
                    return k;
                }
            }
            return null;
        }

        static String names() {
            StringBuilder sb = new StringBuilder();
            for (Kind k : values()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k.wireName).append(k.takesArgument
                        ? (k == INVOKE ? " <class#staticMethod>" : k == SET_LIMIT ? " <n>" : " <patch-id>") : k == RECLAIM ? " [reclaimer]" : "");
            }
            return sb.toString();
        }
    }

    /**
     * Parses {@code open-circuit}, {@code apply-patch fix-12}, {@code invoke com.acme.Ops#restart}.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static PolicyAction parse(String text) {
        String trimmed = text.trim();
        int space = trimmed.indexOf(' ');
        String name = space < 0 ? trimmed : trimmed.substring(0, space);
        String argument = space < 0 ? null : trimmed.substring(space + 1).trim();
        Kind kind = Kind.byName(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown action '" + name + "'; known: " + Kind.names());
        }
        if (kind.takesArgument && (argument == null || argument.isEmpty() || argument.contains(" "))) {
            throw new IllegalArgumentException("'" + name + "' needs one argument: " + name
                    + (kind == Kind.INVOKE ? " com.acme.Ops#restart" : kind == Kind.SET_LIMIT ? " <n> (for example"
                            + " set-limit 10)" : " <patch-id>"));
        }
        if (!kind.takesArgument && argument != null && (kind != Kind.RECLAIM || argument.contains(" "))) {
            throw new IllegalArgumentException("'" + name + "' takes no argument, found '" + argument + "'");
        }
        if (kind == Kind.INVOKE) {
            int hash = argument.indexOf('#');
            if (hash <= 0 || hash == argument.length() - 1 || argument.indexOf('#', hash + 1) >= 0) {
                throw new IllegalArgumentException("'" + argument
                        + "' is not Class#staticMethod (for example com.acme.Ops#restart)");
            }
        }
        if (kind == Kind.SET_LIMIT) {
            limitArgument(argument);
        }
        return new PolicyAction(kind, argument);
    }

    /** The limit of {@code set-limit <n>}: a whole number, 1 or more. */
    public static int limitArgument(String argument) {
        try {
            int n = Integer.parseInt(argument);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("set-limit needs a whole number of 1 or more, found '" + argument + "'");
    }

    @Override
    public String toString() {
        return argument == null ? kind.wireName() : kind.wireName() + " " + argument;
    }
}
