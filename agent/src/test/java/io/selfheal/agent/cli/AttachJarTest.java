package io.selfheal.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachJarTest {
    @TempDir
    Path dir;
    private String tmpdir;

    @BeforeEach
    void ownTemporaryDirectory() throws IOException {
        tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectory(dir.resolve("tmp")).toString());
    }

    @AfterEach
    void restoreTemporaryDirectory() {
        System.setProperty("java.io.tmpdir", tmpdir);
    }

    private static final String LAUNCHER = "io.selfheal.agent.AgentLauncher";

    private Path agentJar() throws IOException {
        Manifest manifest = manifest();
        manifest.getMainAttributes().putValue("Agent-Class", LAUNCHER);
        manifest.getMainAttributes().putValue("Boot-Class-Path", "selfheal-agent.jar");
        return jar(dir.resolve("selfheal-agent.jar"), manifest, "io/selfheal/agent/AgentLauncher.class");
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    /** A jar of {@code manifest} and one entry holding "not really a class". */
    private static Path jar(Path jar, Manifest manifest, String entry) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write("not really a class".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void theCopyHasEveryEntryButNoBootClassPathAndAllMayReadIt() throws IOException {
        Path copy = AttachJar.of(agentJar());
        try (JarFile jar = new JarFile(copy.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertNull(main.getValue("Boot-Class-Path"));
            assertEquals(LAUNCHER, main.getValue("Agent-Class"));
            assertEquals("not really a class", new String(jar.getInputStream(
                    jar.getEntry("io/selfheal/agent/AgentLauncher.class")).readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertEquals(List.of(copy.getFileName().toString()), names(copy.getParent()));
    }

    @Test
    void aSecondAttachOfTheSameBuildUsesTheSameCopy() throws IOException {
        Path jar = agentJar();
        assertEquals(AttachJar.of(jar), AttachJar.of(jar));
        assertEquals(1, names(Path.of(System.getProperty("java.io.tmpdir"))).size());
    }

    @Test
    void theCopyFollowsTheJarsContentNotItsTimeStamp() throws IOException {
        Path jar = agentJar();
        Path first = AttachJar.of(jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(first, AttachJar.of(jar));
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
            Files.writeString(zip.getPath("another-build.txt"), "another build");
        }
        assertNotEquals(first, AttachJar.of(jar));
    }

    @Test
    void aCopyOthersMayWriteIsNotUsed() throws IOException {
        Path jar = agentJar();
        Path first = AttachJar.of(jar);
        Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path second = AttachJar.of(jar);
        assertNotEquals(first, second);
        try (JarFile copy = new JarFile(second.toFile())) {
            assertNull(copy.getManifest().getMainAttributes().getValue("Boot-Class-Path"));
        }
    }

    @Test
    void aJarWithoutTheEntryIsAttachedAsItIs() throws IOException {
        Path jar = jar(dir.resolve("plain.jar"), manifest(), "a.txt");
        assertEquals(jar, AttachJar.of(jar));
    }

    private static List<String> names(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            List<String> names = new java.util.ArrayList<>(files.map(p -> p.getFileName().toString()).toList());
            Collections.sort(names);
            return names;
        }
    }
}
