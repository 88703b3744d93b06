package io.selfheal.agent.boot;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** The agent's own jar, and its entries read through a {@code JarFile}. */
public final class AgentJar {
    private AgentJar() {
    }

    /** The agent jar, or {@code null} when the agent's classes were not loaded from a local jar file. */
    public static File file() {
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

    /** The agent jar opened without signature checks, or {@code null} as for {@link #file()}. */
    static JarFile open() throws IOException {
        File file = file();
        return file == null ? null : new JarFile(file, false);
    }

    /** An entry's bytes, or {@code null} when the jar has no such entry. */
    static byte[] read(JarFile jar, String entryName) throws IOException {
        ZipEntry entry = jar.getEntry(entryName);
        if (entry == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
