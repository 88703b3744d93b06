package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers "does the config name this class?" at class-load time. Exact names are one hash
 * look-up; globs are checked after their literal prefix matches. Our own classes never match.
 */
public final class TargetIndex {
    private final Map<String, List<TargetConfig>> exact = new HashMap<>();
    private final List<TargetConfig> globs = new ArrayList<>();
    /** {@link #exact}'s keys and the globs' literal prefixes with dots for slashes, for {@link #mayName}. */
    private final Set<String> exactBinaryNames = new HashSet<>();
    private final List<String> globBinaryPrefixes = new ArrayList<>();

    public TargetIndex(List<TargetConfig> targets) {
        for (TargetConfig t : targets) {
            if (t.classPattern().isExact()) {
                // get/put, not computeIfAbsent with a lambda: this runs at agent start.
                List<TargetConfig> named = exact.get(t.classPattern().exactInternalName());
                if (named == null) {
                    named = new ArrayList<>();
                    exact.put(t.classPattern().exactInternalName(), named);
                }
                named.add(t);
                exactBinaryNames.add(t.classPattern().exactInternalName().replace('/', '.'));
            } else {
                globs.add(t);
                globBinaryPrefixes.add(t.classPattern().literalInternalPrefix().replace('/', '.'));
            }
        }
    }

    /**
     * A quick first answer for the check of every loaded class at start, by the binary name
     * {@link Class#getName} gives (no conversion to an internal name, in the interpreter, for
     * each of a thousand classes): {@code false} when no target can name the class, {@code true}
     * when {@link #lookup} must decide. Config names hold no slash, so a slash in the binary name
     * (a hidden class: {@code Name/0x1a2b}) compares as the dot it becomes in the internal name for
     * the globs; no exact name can end in such a segment, as a config name's segments never start
     * with a digit.
     */
    public boolean mayName(String binaryName) {
        if (exactBinaryNames.contains(binaryName)) {
            return true;
        }
        for (String prefix : globBinaryPrefixes) {
            if (startsWithAsInternalName(binaryName, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAsInternalName(String binaryName, String dottedPrefix) {
        if (binaryName.length() < dottedPrefix.length()) {
            return false;
        }
        for (int i = 0; i < dottedPrefix.length(); i++) {
            char c = binaryName.charAt(i);
            if ((c == '/' ? '.' : c) != dottedPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The targets naming the class, or {@code null} when none does (the common case). */
    public List<TargetConfig> lookup(String internalName) {
        List<TargetConfig> hit = exact.get(internalName);
        if (globs.isEmpty()) {
            return hit == null || isAgentClass(internalName) ? null : hit;
        }
        List<TargetConfig> all = null;
        for (TargetConfig t : globs) {
            if (t.classPattern().matchesInternalName(internalName)) {
                if (all == null) {
                    all = hit == null ? new ArrayList<>() : new ArrayList<>(hit);
                }
                all.add(t);
            }
        }
        List<TargetConfig> result = all != null ? all : hit;
        return result == null || isAgentClass(internalName) ? null : Collections.unmodifiableList(result);
    }

    static boolean isAgentClass(String internalName) {
        return internalName.startsWith("io/selfheal/bootstrap/")
                || internalName.startsWith("io/selfheal/runtime/")
                || internalName.startsWith("io/selfheal/agent/")
                || internalName.startsWith("io/selfheal/shaded/");
    }
}
