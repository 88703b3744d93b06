package io.selfheal.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Writes the nested {@code selfheal-bootstrap.jar} to a temp file and appends it to the bootstrap
 * class path, so the gateway woven code calls is visible from every class loader.
 */
final class BootstrapJar {
    static final String RESOURCE = "/META-INF/selfheal/selfheal-bootstrap.jar";

    private BootstrapJar() {
    }

    static void appendTo(Instrumentation inst) throws IOException {
        Path tmp = Files.createTempFile("selfheal-bootstrap-", ".jar");
        tmp.toFile().deleteOnExit();
        try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent jar");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(tmp.toFile()));
    }
}
