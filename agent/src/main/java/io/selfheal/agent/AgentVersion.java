package io.selfheal.agent;

import java.io.InputStream;
import java.util.Properties;

/** The agent's version, from the properties file the build writes into the jar. */
public final class AgentVersion {
    private static final String VERSION = read();

    private AgentVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
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
