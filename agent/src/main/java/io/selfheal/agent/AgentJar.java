package io.selfheal.agent;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;

/** Where the agent's own jar is, for reading its entries through a {@code JarFile}. */
final class AgentJar {
    private AgentJar() {
    }

    /** The agent jar, or {@code null} when the agent's classes were not loaded from a local jar file. */
    static File file() {
        try {
            CodeSource source = AgentJar.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            File file = new File(source.getLocation().toURI());
            return file.isFile() ? file : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
