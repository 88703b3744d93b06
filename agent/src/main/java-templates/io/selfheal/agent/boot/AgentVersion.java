package io.selfheal.agent.boot;

/**
 * The agent's version, written into this source by the build (agent/pom.xml filters the template
 * in {@code src/main/java-templates}): a constant costs nothing at start, where reading the jar's
 * manifest for it cost some 2 ms of {@code premain}.
 */
public final class AgentVersion {
    private static final String VERSION = "${project.version}";

    private AgentVersion() {
    }

    public static String get() {
        return VERSION;
    }
}
