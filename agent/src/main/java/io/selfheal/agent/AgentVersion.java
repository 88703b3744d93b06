package io.selfheal.agent;

/** The agent's version, as the build wrote it ({@link BuildVersion}). */
public final class AgentVersion {
    private AgentVersion() {
    }

    public static String get() {
        return BuildVersion.VERSION;
    }
}
