package io.selfheal.agent.patch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ProbationConfig;
import org.objectweb.asm.ClassReader;

/**
 * A patch jar, read whole: its replacement classes (internal name to class file), its SHA-256 and
 * signer (where it came from), and its id and description from {@code META-INF/selfheal-patch.yaml} (id defaults to the first 12 hex digits
 * of the jar's SHA-256). The jar is read with verification on, and every entry is checked by the
 * {@link SignatureVerifier} before its classes are trusted. The {@link Limits} are checked before
 * anything is read into memory, and again while the entries unpack.
 */
public record PatchJar(Path path, String id, String description, Map<String, byte[]> classes, String sha256,
        PatchSigner signer, ProbationConfig probation) {

    static final String METADATA = "META-INF/selfheal-patch.yaml";
    private static final int CLASS_FILE_MAGIC = 0xCAFEBABE;
    /** Class file major version of Java 1 is 45; of Java N (N >= 2) it is 44 + N. */
    private static final int NEWEST_READABLE_MAJOR = 44 + Runtime.version().feature();

    /** {@code hot-patch.max-jar-mb} and {@code max-jar-entries}: a patch jar above them is not read. */
    public record Limits(int maxMb, int maxEntries) {
        long maxBytes() {
            return maxMb * 1024L * 1024L;
        }
    }

    public static PatchJar read(Path path, SignatureVerifier verifier, Limits limits) throws PatchRejectedException {
        if (!Files.isRegularFile(path)) {
            throw new PatchRejectedException("no patch jar at " + path);
        }
        String sha256;
        try {
            long size = Files.size(path);
            if (size > limits.maxBytes()) {
                throw new PatchRejectedException("the jar is " + size + " bytes, over the limit of " + limits.maxMb()
                        + " MiB (hot-patch.max-jar-mb)");
            }
            sha256 = sha256(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new PatchRejectedException("cannot read " + path + ": " + e.getMessage());
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<JarEntry> entries = new ArrayList<>();
        PatchSigner signer;
        try (JarFile jar = new JarFile(path.toFile(), true)) {
            if (jar.size() > limits.maxEntries()) {
                throw new PatchRejectedException("the jar has " + jar.size() + " entries, over the limit of "
                        + limits.maxEntries() + " (hot-patch.max-jar-entries)");
            }
            long unpackBudget = limits.maxBytes();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = jar.getInputStream(entry)) {
                    bytes = readAll(in, unpackBudget); // reading to the end is what makes JarFile check the digest
                } catch (SecurityException bad) {
                    throw new PatchRejectedException("the signature of entry " + entry.getName()
                            + " does not match its content: " + bad.getMessage());
                }
                if (bytes == null) {
                    throw new PatchRejectedException("the jar's entries unpack to more than " + limits.maxMb()
                            + " MiB (hot-patch.max-jar-mb), reached at entry " + entry.getName());
                }
                unpackBudget -= bytes.length;
                entries.add(entry);
                contents.put(entry.getName(), bytes);
            }
            // who signed it is settled before any byte of it is parsed
            verifier.verify(jar, entries);
            signer = PatchSigner.of(entries);
        } catch (IOException | SecurityException e) {
            throw new PatchRejectedException("cannot read " + path + " as a jar: " + e.getMessage());
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        String metadata = null;
        for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
            String name = entry.getKey();
            byte[] bytes = entry.getValue();
            if (name.equals(METADATA)) {
                metadata = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            } else if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                checkClassFileHeader(bytes, name);
                String declared = className(bytes, name);
                String expected = name.substring(0, name.length() - ".class".length());
                if (!declared.equals(expected)) {
                    throw new PatchRejectedException("entry " + name + " holds class "
                            + declared.replace('/', '.') + ", not " + expected.replace('/', '.'));
                }
                classes.put(declared, bytes);
            }
        }
        if (classes.isEmpty()) {
            throw new PatchRejectedException(path + " holds no class to patch");
        }
        Map<String, String> meta = metadata == null ? Map.of() : PatchMetadata.parse(metadata);
        String id = meta.getOrDefault("id", sha256.substring(0, 12));
        if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new PatchRejectedException(METADATA + ": id '" + id
                    + "' must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
        ProbationConfig probation = null;
        if (meta.containsKey(PatchMetadata.PROBATION)) {
            try {
                probation = ProbationConfig.parse(meta.get(PatchMetadata.PROBATION), METADATA);
            } catch (ConfigException e) {
                throw new PatchRejectedException(ProbationText.problems(e));
            }
        }
        return new PatchJar(path, id, meta.getOrDefault("description", ""),
                Collections.unmodifiableMap(classes), sha256, signer, probation);
    }

    /** The binary names (dots) of the patch's classes. */
    public List<String> classNames() {
        List<String> out = new ArrayList<>();
        for (String n : classes.keySet()) {
            out.add(n.replace('/', '.'));
        }
        return out;
    }

    /**
     * Checked before ASM reads the class, so the reason is the real one: a file that is no class
     * at all, or one compiled for a newer Java than this JVM (which its {@code redefineClasses}
     * would refuse only after every other check had passed).
     */
    private static void checkClassFileHeader(byte[] bytes, String entry) throws PatchRejectedException {
        if (bytes.length < 10 || readInt(bytes, 0) != CLASS_FILE_MAGIC) {
            throw new PatchRejectedException("entry " + entry + " is not a class file (it does not start with"
                    + " 0xCAFEBABE)");
        }
        int major = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
        if (major > NEWEST_READABLE_MAJOR) {
            throw new PatchRejectedException("entry " + entry + " is compiled for Java " + (major - 44)
                    + " (class file version " + major + "), newer than this JVM: Java "
                    + Runtime.version().feature() + " reads class files up to version " + NEWEST_READABLE_MAJOR);
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static String className(byte[] bytes, String entry) throws PatchRejectedException {
        try {
            return new ClassReader(bytes).getClassName();
        } catch (RuntimeException e) {
            throw new PatchRejectedException("entry " + entry + " is not a readable class file: " + e);
        }
    }

    /** The whole stream, or {@code null} once it goes past {@code budget} bytes (nothing more is read). */
    private static byte[] readAll(InputStream in, long budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0;) {
            if (out.size() + (long) n > budget) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
