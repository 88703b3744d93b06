package io.selfheal.agent.cli;

import io.selfheal.agent.patch.PatchJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Enumeration;
import java.util.Set;
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
 * <p>The copy is written once per agent build (named by the jar's content hash) to the temporary
 * directory and kept: the attached
 * JVM reads from it for as long as it runs. It is readable by all, as the agent jar is, because
 * the JVM attached to may run as another user. An existing copy is used only when this user owns
 * it and nobody else may write it; otherwise (another user's file of that name in a shared
 * directory) a copy under a name of its own is written.
 */
final class AttachJar {
    static final Attributes.Name BOOT_CLASS_PATH = new Attributes.Name("Boot-Class-Path");
    private static final Set<PosixFilePermission> READABLE_BY_ALL = PosixFilePermissions.fromString("rw-r--r--");

    private AttachJar() {
    }

    static Path of(Path agentJar) throws IOException {
        try (JarFile jar = new JarFile(agentJar.toFile(), false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().get(BOOT_CLASS_PATH) == null) {
                return agentJar;
            }
            Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
            // One copy per build: the first 128 bits of the jar's SHA-256, whatever its time stamp.
            Path copy = dir.resolve("selfheal-attach-" + PatchJar.sha256(Files.readAllBytes(agentJar)).substring(0, 32)
                    + ".jar");
            Path partial = Files.createTempFile(dir, "selfheal-attach-", ".partial");
            try {
                boolean posix = Files.getFileAttributeView(partial, PosixFileAttributeView.class) != null;
                if (posix && ownedAndWritableOnlyBy(copy, Files.getOwner(partial))) {
                    return copy;
                }
                writeWithout(jar, manifest, partial);
                if (posix) {
                    Files.setPosixFilePermissions(partial, READABLE_BY_ALL);
                }
                Path target = posix && Files.notExists(copy, LinkOption.NOFOLLOW_LINKS)
                        ? copy
                        : dir.resolve(partial.getFileName().toString().replace(".partial", ".jar"));
                return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static boolean ownedAndWritableOnlyBy(Path file, UserPrincipal user) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = attributes.permissions();
        return attributes.owner().equals(user) && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static void writeWithout(JarFile jar, Manifest manifest, Path target) throws IOException {
        manifest.getMainAttributes().remove(BOOT_CLASS_PATH);
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
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
