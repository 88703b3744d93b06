package io.selfheal.agent;

import io.selfheal.agent.patch.HotPatching;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.TargetConfig;

/**
 * Whether the agent must be built in {@code premain} rather than at the first class it weaves:
 * when the config has parts that act on their own from the start (HTTP endpoint, watched files,
 * look-ahead, patches to re-apply), and when a target may name a JDK class, since building the
 * agent itself loads JDK classes and must not do so from inside the load of one it would weave.
 */
final class ImmediateStart {
    /** Package roots of the classes the boot and platform loaders define. */
    private static final String[] JDK_ROOTS = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "org/w3c/", "org/xml/", "org/ietf/", "org/jcp/",
    };

    private ImmediateStart() {
    }

    /** @return why the agent is built now, or {@code null} when it can wait for its first class */
    static String reason(AgentConfig config, boolean atLaunch) {
        if (!atLaunch) {
            return "attached to a running JVM";
        }
        if (config.http() != null) {
            return "http endpoint";
        }
        if (config.watchConfig()) {
            return "watch-config";
        }
        if (HotPatching.hasWorkAtStart(config)) {
            return "hot patches to re-apply or a directory to watch";
        }
        if (config.needsLookAhead()) {
            return "look-ahead";
        }
        for (TargetConfig t : config.targets()) {
            if (mayNameJdkClass(t.classPattern().literalInternalPrefix())) {
                return "target '" + t.name() + "' may name a JDK class";
            }
        }
        return null;
    }

    /** True when a class whose internal name starts with {@code prefix} may be one of the JDK's. */
    private static boolean mayNameJdkClass(String prefix) {
        for (String root : JDK_ROOTS) {
            if (prefix.startsWith(root) || root.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
