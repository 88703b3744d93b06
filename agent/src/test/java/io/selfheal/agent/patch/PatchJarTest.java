package io.selfheal.agent.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link PatchJar} refuses before a class reaches the redefinition checks (signatures: HotPatchTest). */
class PatchJarTest {
    private static final PatchJar.Limits ONE_MIB = new PatchJar.Limits(1, 10);
    private static final String ENTRY = "p/Fixed.class";

    @TempDir
    static Path work;
    private static byte[] fixed;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() throws IOException {
        fixed = Javac.compile(work, "p.Fixed", "package p; public class Fixed { public int one() { return 1; } }");
    }

    private interface Content {
        void write(JarOutputStream out) throws IOException;
    }

    private Path jar(Content content) throws IOException {
        Path file = dir.resolve("patch.jar");
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream out = new JarOutputStream(os)) {
            content.write(out);
        }
        return file;
    }

    private static void entry(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static String rejection(Path jar) {
        return assertThrows(PatchRejectedException.class,
                () -> PatchJar.read(jar, SignatureVerifier.notRequired(), ONE_MIB)).getMessage();
    }

    @Test
    void aGoodJarReadsItsClass() throws Exception {
        PatchJar p = PatchJar.read(jar(out -> entry(out, ENTRY, fixed)), SignatureVerifier.notRequired(), ONE_MIB);
        assertEquals(java.util.List.of("p.Fixed"), p.classNames());
    }

    @Test
    void aJarLargerThanTheLimitIsNotRead() throws Exception {
        byte[] noise = new byte[(1 << 20) + 1];
        new java.util.Random(1).nextBytes(noise);
        String reason = rejection(jar(out -> {
            entry(out, ENTRY, fixed);
            entry(out, "noise.bin", noise);
        }));
        assertEquals(true, reason.matches("the jar is \\d+ bytes, over the limit of 1 MiB \\(hot-patch.max-jar-mb\\)"),
                reason);
    }

    @Test
    void entriesThatUnpackPastTheLimitStopTheRead() throws Exception {
        String reason = rejection(jar(out -> {
            entry(out, ENTRY, fixed);
            entry(out, "zeros.bin", new byte[8 << 20]);
        }));
        assertEquals("the jar's entries unpack to more than 1 MiB (hot-patch.max-jar-mb), reached at entry zeros.bin",
                reason);
    }

    @Test
    void tooManyEntriesAreRefusedByCount() throws Exception {
        String reason = rejection(jar(out -> {
            for (int i = 0; i < 11; i++) {
                entry(out, "f" + i + ".txt", new byte[] {1});
            }
        }));
        assertEquals("the jar has 11 entries, over the limit of 10 (hot-patch.max-jar-entries)", reason);
    }

    @Test
    void anEntryThatIsNoClassFileIsNamed() throws Exception {
        assertEquals("entry p/Fixed.class is not a class file (it does not start with 0xCAFEBABE)",
                rejection(jar(out -> entry(out, ENTRY, "not a class".getBytes()))));
    }

    @Test
    void aClassForANewerJavaIsNamedWithBothVersions() throws Exception {
        int feature = Runtime.version().feature();
        byte[] newer = fixed.clone();
        newer[6] = (byte) ((45 + feature) >> 8);
        newer[7] = (byte) (45 + feature);
        assertEquals("entry p/Fixed.class is compiled for Java " + (feature + 1) + " (class file version "
                + (45 + feature) + "), newer than this JVM: Java " + feature + " reads class files up to version "
                + (44 + feature), rejection(jar(out -> entry(out, ENTRY, newer))));
    }
}
