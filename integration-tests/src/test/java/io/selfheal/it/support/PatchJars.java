package io.selfheal.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds patch jars the way an operator would, with the JDK's own tools: javac (through
 * {@link ToolProvider}) compiles fixed sources against the sample apps, {@link JarOutputStream}
 * packs them, keytool makes keys and trust stores and jarsigner signs.
 */
public final class PatchJars {
    private PatchJars() {
    }

    /** Compiles {@code sources} (class name to source text) and returns class name to class file. */
    public static Map<String, byte[]> compile(Path work, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path out = Files.createTempDirectory(work, "classes");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp",
                ChildJvm.appsClasses().toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(new String[0]));
        if (rc != 0) {
            throw new AssertionError("javac failed: " + errors.toString(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String rel = out.relativize(p).toString().replace('\\', '/');
                classes.put(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(p));
            }
        }
        return classes;
    }

    /** Writes a jar of {@code classes}, with {@code META-INF/selfheal-patch.yaml} when {@code metadata} is given. */
    public static Path jar(Path file, Map<String, byte[]> classes, String metadata) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os, manifest)) {
            if (metadata != null) {
                jar.putNextEntry(new JarEntry("META-INF/selfheal-patch.yaml"));
                jar.write(metadata.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey().replace('.', '/') + ".class"));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** Adds one more (unsigned) entry to an existing jar, as a tamperer would after signing. */
    public static void addEntry(Path jarFile, String name, byte[] content) throws IOException {
        rewrite(jarFile, name, content);
    }

    /**
     * Replaces the content of entry {@code name}, keeping every other entry (the signature files
     * included) as it was: a signed jar tampered with after signing.
     */
    public static void replaceEntry(Path jarFile, String name, byte[] content) throws IOException {
        rewrite(jarFile, name, content);
    }

    /** Copies the jar with entry {@code name} set to {@code content}: replaced where it is, else added last. */
    private static void rewrite(Path jarFile, String name, byte[] content) throws IOException {
        Path copy = jarFile.resolveSibling(jarFile.getFileName() + ".tmp");
        boolean replaced = false;
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jarFile.toFile(), false);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new JarEntry(e.getName()));
                if (e.getName().equals(name)) {
                    out.write(content);
                    replaced = true;
                } else {
                    out.write(in.getInputStream(e).readAllBytes());
                }
                out.closeEntry();
            }
            if (!replaced) {
                out.putNextEntry(new JarEntry(name));
                out.write(content);
                out.closeEntry();
            }
        }
        Files.move(copy, jarFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A signing key in its own PKCS12 key store. */
    public record Signer(Path keyStore, String alias, String password) {
    }

    /** Makes a key pair with keytool; {@code dir/alias.p12}. */
    public static Signer signer(Path dir, String alias) {
        Path ks = dir.resolve(alias + ".p12");
        tool("keytool", "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "signpass",
                "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=" + alias + ",O=selfheal tests");
        return new Signer(ks, alias, "signpass");
    }

    /** A trust store (PKCS12, password {@code password}) holding the certificates of {@code trusted}. */
    public static Path trustStore(Path dir, String password, Signer... trusted) {
        Path store = dir.resolve("truststore.p12");
        for (Signer s : trusted) {
            Path cert = dir.resolve(s.alias() + ".cer");
            tool("keytool", "-exportcert", "-keystore", s.keyStore().toString(), "-storepass", s.password(),
                    "-alias", s.alias(), "-file", cert.toString());
            tool("keytool", "-importcert", "-noprompt", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-alias", s.alias(), "-file", cert.toString());
        }
        return store;
    }

    /** Signs {@code jar} in place with jarsigner. */
    public static Path sign(Path jar, Signer signer) {
        tool("jarsigner", "-keystore", signer.keyStore().toString(), "-storepass", signer.password(),
                jar.toString(), signer.alias());
        return jar;
    }

    private static void tool(String name, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", name).toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(name + " failed: " + cmd + "\n" + output);
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run " + cmd, e);
        }
    }
}
