package io.selfheal.agent.boot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Puts the classes of the nested {@code selfheal-bootstrap.jar} into the bootstrap class loader,
 * so the gateway woven code calls is visible from every class loader.
 *
 * <p>First choice: define them there directly ({@link BootLoaderDefiner}). Appending a jar to
 * the bootstrap search path instead makes HotSpot print "Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended" on every start and turns class-data sharing off for the
 * application's classes, which costs start-up time. The append stays as the fallback for a JVM
 * where the direct way is not available.
 */
public final class BootstrapJar {
    static final String RESOURCE = "/META-INF/selfheal/selfheal-bootstrap.jar";

    private BootstrapJar() {
    }

    /**
     * @return the boot-loader definer when the classes were defined directly, {@code null} when
     *     they went in by the appended search path instead
     */
    public static BootLoaderDefiner install(Instrumentation inst) throws IOException {
        byte[] jar = read();
        try {
            BootLoaderDefiner definer = BootLoaderDefiner.open(inst);
            defineInBootLoader(definer, classesOf(jar));
            return definer;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError direct) {
            appendToSearchPath(inst, jar);
            return null;
        }
    }

    /**
     * Reads the nested jar through the agent jar's own {@link JarFile} (the JVM has it open
     * already, so nothing is read twice); a resource URL instead would load the {@code jar:} URL
     * machinery, some fifteen classes, in {@code premain}. The resource look-up stays for an
     * agent that is not a plain file.
     */
    private static byte[] read() throws IOException {
        byte[] nested;
        try (JarFile jar = AgentJar.open()) {
            if (jar != null) {
                nested = AgentJar.read(jar, RESOURCE.substring(1));
            } else {
                try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
                    nested = in == null ? null : in.readAllBytes();
                }
            }
        }
        if (nested == null) {
            throw new IOException(RESOURCE + " is missing from the agent jar");
        }
        return nested;
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

    private static void defineInBootLoader(BootLoaderDefiner definer, Map<String, byte[]> classes) {
        if (bootLoaderHas(classes.keySet().iterator().next())) {
            return;
        }
        // A class can be defined only after its supertypes: define in rounds until all are in.
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            Throwable last = null;
            for (String name : pending) {
                try {
                    definer.define(name, classes.get(name));
                } catch (Throwable e) {
                    failed.add(name);
                    last = e;
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + failed + " in the boot loader", last);
            }
            pending = failed;
        }
    }

    /**
     * The launcher asks the same of the boot loader with a copy of its own: it may name no other
     * class of the agent before its check, and this package does not depend on the entry points.
     */
    private static boolean bootLoaderHas(String className) {
        try {
            Class.forName(className, false, null);
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
