package io.selfheal.agent.patch;

import java.util.List;

/**
 * The reasons a patch is refused for its classes, worded in one place: the running agent
 * ({@link PatchManager}) and the offline {@code check-patch} command both build them here, from
 * the same {@link RedefinitionChecker} over class bytes, so both name a problem alike.
 */
public final class PatchCheck {
    private PatchCheck() {
    }

    /** The differences that forbid replacing {@code current} by {@code patch}, added to {@code problems} once each. */
    public static void addDifferences(List<String> problems, byte[] current, byte[] patch) {
        for (String p : RedefinitionChecker.differences(current, patch)) {
            if (!problems.contains(p)) {
                problems.add(p);
            }
        }
    }

    /** The rejection for {@code problems} found by {@link #addDifferences}. */
    public static String notRedefinable(List<String> problems) {
        return "the JVM cannot redefine this change (only method bodies may change): " + String.join("; ", problems);
    }

    /** The rejection for classes of the patch that the running JVM has not loaded (binary names). */
    public static String notLoaded(List<String> missing) {
        return (missing.size() == 1 ? "class " : "classes ") + String.join(", ", missing)
                + (missing.size() == 1 ? " is" : " are") + " not loaded in this JVM (a patch replaces loaded classes only)";
    }

    /** {@code com.acme.Greeter: method bodies only; changed: greet(java.lang.String)}: one class of a patch that passes. */
    public static String summary(String className, byte[] current, byte[] patch) {
        List<String> changed = RedefinitionChecker.changedMethods(current, patch);
        return className + ": method bodies only; " + (changed.isEmpty() ? "no method body differs"
                : changed.size() + " changed: " + String.join(", ", changed));
    }
}
