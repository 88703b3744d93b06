package io.selfheal.agent;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Puts the classes of the nested {@code selfheal-bootstrap.jar} into the bootstrap class loader,
 * so the gateway woven code calls is visible from every class loader.
 *
 * <p>First choice: define them there directly (opening {@code jdk.internal.misc} to the agent
 * with {@link Instrumentation#redefineModule}). Appending a jar to the bootstrap search path
 * instead makes HotSpot print "Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended" on every start and turns class-data sharing off for the
 * application's classes, which costs start-up time. The append stays as the fallback for a JVM
 * where the direct way is not available.
 */
final class BootstrapJar {
    static final String RESOURCE = "/META-INF/selfheal/selfheal-bootstrap.jar";

    private BootstrapJar() {
    }

    static void install(Instrumentation inst) throws IOException {
        byte[] jar = read();
        try {
            defineInBootLoader(inst, classesOf(jar));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError direct) {
            appendToSearchPath(inst, jar);
        }
    }

    /**
     * Reads the nested jar through the agent jar's own {@link JarFile} (the JVM has it open
     * already, so nothing is read twice); a resource URL instead would load the {@code jar:} URL
     * machinery, some fifteen classes, in {@code premain}. The resource look-up stays for an
     * agent that is not a plain file.
     */
    private static byte[] read() throws IOException {
        File agentJar = agentJarFile();
        if (agentJar != null) {
            try (JarFile jar = new JarFile(agentJar, false)) {
                ZipEntry nested = jar.getEntry(RESOURCE.substring(1));
                if (nested != null) {
                    try (InputStream in = jar.getInputStream(nested)) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }

    /** The agent jar, or {@code null} when this class was not loaded from a local file. */
    private static File agentJarFile() {
        try {
            CodeSource source = BootstrapJar.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            File file = new File(source.getLocation().toURI());
            return file.isFile() ? file : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, byte[]> classesOf(byte[] jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".class")) {
                    String name = e.getName().substring(0, e.getName().length() - 6).replace('/', '.');
                    classes.put(name, zip.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static void defineInBootLoader(Instrumentation inst, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("jdk.internal.misc", Set.of(BootstrapJar.class.getModule())), Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        if (alreadyDefined(classes)) {
            return;
        }
        // A class can be defined only after its supertypes: define in rounds until all are in.
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            Throwable last = null;
            for (String name : pending) {
                byte[] b = classes.get(name);
                try {
                    define.invoke(unsafe, name, b, 0, b.length, null, null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    failed.add(name);
                    last = e.getCause();
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + failed + " in the boot loader", last);
            }
            pending = failed;
        }
    }

    private static boolean alreadyDefined(Map<String, byte[]> classes) {
        try {
            Class.forName(classes.keySet().iterator().next(), false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void appendToSearchPath(Instrumentation inst, byte[] jar) throws IOException {
        Path tmp = Files.createTempFile("selfheal-bootstrap-", ".jar");
        tmp.toFile().deleteOnExit();
        Files.copy(new ByteArrayInputStream(jar), tmp, StandardCopyOption.REPLACE_EXISTING);
        inst.appendToBootstrapClassLoaderSearch(new JarFile(tmp.toFile()));
    }
}
