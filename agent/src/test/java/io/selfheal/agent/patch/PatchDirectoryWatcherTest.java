package io.selfheal.agent.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's polls, driven by hand: a jar is handed over only once it is whole. */
class PatchDirectoryWatcherTest {
    @TempDir
    Path dir;
    private final List<Path> applied = new ArrayList<>();
    private final PatchApplier applier = new PatchApplier() {
        @Override
        public PatchOutcome apply(Path jar, String via) {
            applied.add(jar);
            return jar.getFileName().toString().startsWith("good") ? PatchOutcome.done("p1", "patch p1 applied")
                    : PatchOutcome.refused(null, "cannot read it");
        }

        @Override
        public PatchOutcome rollback(String id, String via) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PatchInfo> patches() {
            return List.of();
        }
    };

    private PatchDirectoryWatcher watcher() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return new PatchDirectoryWatcher(dir, applier, (where, t) -> {
            throw new AssertionError(where, t);
        });
    }

    private static byte[] jarBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry("a/B.class"));
            jar.write(new byte[2000]);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aJarIsHandedOverOnlyWhenItHasStoppedGrowingAndOpens() throws IOException {
        PatchDirectoryWatcher w = watcher();
        byte[] whole = jarBytes();
        Path jar = dir.resolve("good.jar");
        Files.write(jar, Arrays.copyOf(whole, whole.length / 2));
        w.poll(); // first sighting
        w.poll(); // same size, but not a whole jar yet
        assertEquals(List.of(), applied);
        Files.write(jar, Arrays.copyOfRange(whole, whole.length / 2, whole.length), StandardOpenOption.APPEND);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        w.poll(); // it grew
        assertEquals(List.of(), applied);
        w.poll(); // stable and whole
        assertEquals(List.of(jar.toAbsolutePath()), applied);
        assertTrue(Files.readString(dir.resolve("good.jar.applied")).contains("patch p1 applied"));
        w.poll();
        assertEquals(1, applied.size(), "a jar with an outcome is not read again");
    }

    @Test
    void aFileThatNeverOpensIsHandedOverAfterSomePollsAndRejected() throws IOException {
        PatchDirectoryWatcher w = watcher();
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        for (int i = 0; i < 6; i++) {
            w.poll();
        }
        assertEquals(1, applied.size());
        assertTrue(Files.readString(dir.resolve("broken.jar.rejected")).contains("reason: cannot read it"));
    }

    @Test
    void aDirectoryOthersCanWriteToIsUnsafe() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertNull(PatchDirectoryWatcher.unsafeBecause(dir));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertTrue(PatchDirectoryWatcher.unsafeBecause(dir).contains("is writable by other users (rwxrwxr-x)"));
    }
}
