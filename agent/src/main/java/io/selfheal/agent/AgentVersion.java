package io.selfheal.agent;

import java.io.InputStream;
import java.util.Properties;

/**
 * The agent's version: the agent jar's {@code Implementation-Version}, which the JVM has read with
 * the manifest already, else the properties file the build writes (classes run outside the jar).
 */
public final class AgentVersion {
    private static final String VERSION = read();

    private AgentVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        Package own = AgentVersion.class.getPackage();
        if (own != null && own.getImplementationVersion() != null) {
            return own.getImplementationVersion();
        }
        try (InputStream in = AgentVersion.class.getResourceAsStream("/META-INF/selfheal/agent.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}
