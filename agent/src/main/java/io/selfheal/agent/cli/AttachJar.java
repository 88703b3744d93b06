package io.selfheal.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar {@code attach} loads into a running JVM: the agent jar without its
 * {@code Boot-Class-Path} manifest entry. That entry serves {@code -javaagent}, where the JVM
 * applies it before start; applied to a running JVM it makes HotSpot print a class-data sharing
 * warning on the application's standard output and turn sharing off for the application's
 * classes. Attached, the agent runs from the application loader instead, as it does under any
 * other name.
 *
 * <p>The copy is written once per agent build, next to the JVM's temporary files, and kept: the
 * attached JVM reads from it for as long as it runs.
 */
final class AttachJar {
    static final Attributes.Name BOOT_CLASS_PATH = new Attributes.Name("Boot-Class-Path");

    private AttachJar() {
    }

    static Path of(Path agentJar) throws IOException {
        Manifest manifest;
        try (JarFile jar = new JarFile(agentJar.toFile(), false)) {
            manifest = jar.getManifest();
        }
        if (manifest == null || manifest.getMainAttributes().get(BOOT_CLASS_PATH) == null) {
            return agentJar;
        }
        String build = Long.toHexString(Files.size(agentJar)) + "-"
                + Long.toHexString(Files.getLastModifiedTime(agentJar).toMillis());
        Path copy = Paths.get(System.getProperty("java.io.tmpdir"), "selfheal-attach-" + build + ".jar");
        if (Files.isRegularFile(copy)) {
            return copy;
        }
        Path partial = Files.createTempFile(copy.getParent(), "selfheal-attach-", ".partial");
        try {
            writeWithout(agentJar, manifest, partial);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return copy;
    }

    private static void writeWithout(Path agentJar, Manifest manifest, Path target) throws IOException {
        manifest.getMainAttributes().remove(BOOT_CLASS_PATH);
        try (JarFile jar = new JarFile(agentJar.toFile(), false);
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
