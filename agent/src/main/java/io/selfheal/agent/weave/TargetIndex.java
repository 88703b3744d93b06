package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "does the config name this class?" at class-load time. Exact names are one hash
 * look-up; globs are checked after their literal prefix matches; {@code exclude:} globs are asked
 * only about a class a target names. A target chosen by {@code implements:} or {@code extends:}
 * names a class here by its name alone; its supertypes are asked of the class file
 * ({@link Supertypes}). Our own classes never match.
 */
public final class TargetIndex {
    private final Map<String, List<TargetConfig>> exact = new HashMap<>();
    /** In the config's order: the first target that selects a method wins it. */
    private final List<TargetConfig> globs = new ArrayList<>();
    /**
     * How many of {@link #globs} are of targets chosen by supertype whose {@code class:} names no
     * package: they look at the application's classes only, never at the JDK's (see
     * {@link Supertypes#mayLookIn}), so a class the JDK loads, the agent's own start among them,
     * is never theirs.
     */
    private final int applicationOnlyGlobs;
    private final boolean anyExclude;

    public TargetIndex(List<TargetConfig> targets) {
        boolean excludes = false;
        int applicationOnly = 0;
        for (TargetConfig t : targets) {
            if (t.codeOnly()) {
                continue;   // used only from code (SelfHeal.call): it names no class
            }
            excludes |= !t.selectors().exclude().isEmpty();
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
                applicationOnly += applicationOnly(t) ? 1 : 0;
            }
        }
        this.applicationOnlyGlobs = applicationOnly;
        this.anyExclude = excludes;
    }

    /** The targets naming the class of an application's loader, or {@code null} when none does (the common case). */
    public List<TargetConfig> lookup(String internalName) {
        return lookup(internalName, false);
    }

    /** The targets naming the class {@code loader} defines, or {@code null} when none does (the common case). */
    public List<TargetConfig> lookup(String internalName, ClassLoader loader) {
        // Asked only when it matters: this runs for every class the JVM loads.
        return lookup(internalName, applicationOnlyGlobs > 0 && Supertypes.isJdkLoader(loader));
    }

    private List<TargetConfig> lookup(String internalName, boolean jdkLoader) {
        List<TargetConfig> hit = exact.get(internalName);
        boolean noGlobs = jdkLoader ? globs.size() == applicationOnlyGlobs : globs.isEmpty();
        if (noGlobs && hit == null) {
            return null;
        }
        List<TargetConfig> all = null;
        if (!noGlobs) {
            for (TargetConfig t : globs) {
                if ((!jdkLoader || !applicationOnly(t)) && t.classPattern().matchesInternalName(internalName)) {
                    if (all == null) {
                        all = hit == null ? new ArrayList<>() : new ArrayList<>(hit);
                    }
                    all.add(t);
                }
            }
        }
        List<TargetConfig> result = all != null ? all : hit;
        if (result == null || isAgentClass(internalName)) {
            return null;
        }
        if (anyExclude) {
            result = withoutExcluding(result, internalName);
            if (result == null) {
                return null;
            }
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * The targets naming a class that is loaded already, its supertypes asked of the class itself
     * (they are loaded with it: nothing more is loaded), or {@code null} when none does.
     */
    public List<TargetConfig> lookupLoaded(Class<?> c) {
        List<TargetConfig> named = lookup(c.getName().replace('.', '/'), c.getClassLoader());
        if (named == null) {
            return null;
        }
        List<TargetConfig> kept = new ArrayList<>(named.size());
        for (TargetConfig t : named) {
            if (!t.selectors().bySupertype()
                    || (Supertypes.mayLookIn(t, c.getClassLoader()) && Supertypes.ofLoaded(c, t.selectors()))) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? null : kept;
    }

    private static boolean applicationOnly(TargetConfig t) {
        return t.selectors().bySupertype() && t.classPattern().literalInternalPrefix().isEmpty();
    }

    private static List<TargetConfig> withoutExcluding(List<TargetConfig> named, String internalName) {
        List<TargetConfig> kept = null;
        for (int i = 0; i < named.size(); i++) {
            TargetConfig t = named.get(i);
            if (t.selectors().excludes(internalName)) {
                if (kept == null) {
                    kept = new ArrayList<>(named.subList(0, i));
                }
            } else if (kept != null) {
                kept.add(t);
            }
        }
        return kept == null ? named : kept.isEmpty() ? null : kept;
    }

    static boolean isAgentClass(String internalName) {
        return internalName.startsWith("io/selfheal/bootstrap/")
                || internalName.startsWith("io/selfheal/runtime/")
                || internalName.startsWith("io/selfheal/agent/")
                || internalName.startsWith("io/selfheal/shaded/");
    }
}
