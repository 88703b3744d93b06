package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "does the config name this class?" at class-load time. Exact names are one hash
 * look-up; globs are checked after their literal prefix matches. Our own classes never match.
 */
public final class TargetIndex {
    private final Map<String, List<TargetConfig>> exact = new HashMap<>();
    private final List<TargetConfig> globs = new ArrayList<>();

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
            } else {
                globs.add(t);
            }
        }
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
