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
import org.objectweb.asm.ClassReader;

/**
 * A patch jar, read whole: its replacement classes (internal name to class file), and its id and
 * description from {@code META-INF/selfheal-patch.yaml} (id defaults to the first 12 hex digits
 * of the jar's SHA-256). The jar is read with verification on, and every entry is checked by the
 * {@link SignatureVerifier} before its classes are trusted.
 */
public record PatchJar(Path path, String id, String description, Map<String, byte[]> classes, String sha256) {

    static final String METADATA = "META-INF/selfheal-patch.yaml";

    public static PatchJar read(Path path, SignatureVerifier verifier) throws PatchRejectedException {
        if (!Files.isRegularFile(path)) {
            throw new PatchRejectedException("no patch jar at " + path);
        }
        String sha256;
        try {
            sha256 = sha256(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new PatchRejectedException("cannot read " + path + ": " + e.getMessage());
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<JarEntry> entries = new ArrayList<>();
        String metadata = null;
        try (JarFile jar = new JarFile(path.toFile(), true)) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = jar.getInputStream(entry)) {
                    bytes = readAll(in); // reading to the end is what makes JarFile check the digest
                } catch (SecurityException bad) {
                    throw new PatchRejectedException("the signature of entry " + entry.getName()
                            + " does not match its content: " + bad.getMessage());
                }
                entries.add(entry);
                String name = entry.getName();
                if (name.equals(METADATA)) {
                    metadata = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                } else if (name.endsWith(".class") && !name.endsWith("module-info.class")
                        && !name.startsWith("META-INF/")) {
                    String declared = className(bytes, name);
                    String expected = name.substring(0, name.length() - ".class".length());
                    if (!declared.equals(expected)) {
                        throw new PatchRejectedException("entry " + name + " holds class "
                                + declared.replace('/', '.') + ", not " + expected.replace('/', '.'));
                    }
                    classes.put(declared, bytes);
                }
            }
            verifier.verify(jar, entries);
        } catch (IOException | SecurityException e) {
            throw new PatchRejectedException("cannot read " + path + " as a jar: " + e.getMessage());
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
        return new PatchJar(path, id, meta.getOrDefault("description", ""),
                Collections.unmodifiableMap(classes), sha256);
    }

    /** The binary names (dots) of the patch's classes. */
    public List<String> classNames() {
        List<String> out = new ArrayList<>();
        for (String n : classes.keySet()) {
            out.add(n.replace('/', '.'));
        }
        return out;
    }

    private static String className(byte[] bytes, String entry) throws PatchRejectedException {
        try {
            return new ClassReader(bytes).getClassName();
        } catch (RuntimeException e) {
            throw new PatchRejectedException("entry " + entry + " is not a readable class file: " + e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
