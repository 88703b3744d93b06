package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Issue 2, point 1: the built {@code selfheal-agent.jar} is self-contained and cannot clash with
 * the application's own copies of our dependencies. Every class in it is ours: under
 * {@code io/selfheal/}, third-party ones relocated under {@code io/selfheal/shaded/}; no
 * {@code com/fasterxml/}, {@code net/bytebuddy/}, {@code org/objectweb/}, {@code org/yaml/} at the
 * top level or in a multi-release {@code META-INF/versions/N/} tree, and service files name the
 * relocated classes. The manifest carries every entry point the agent needs.
 */
class AgentJarTest {
    private static final List<String> OWN_PACKAGES = List.of("io/selfheal/agent/", "io/selfheal/runtime/",
            "io/selfheal/bootstrap/", "io/selfheal/shaded/");
    private static final List<String> THIRD_PARTY = List.of("com/fasterxml/", "net/bytebuddy/", "org/objectweb/",
            "org/yaml/", "org/snakeyaml/", "ch/randelshofer/");
    /**
     * Byte Buddy agent's Windows attach libraries: native files, not classes, only ever loaded
     * through JNA (which the agent does not ship); Byte Buddy looks for them at these paths.
     */
    private static final Set<String> NATIVE_FILES = Set.of("win32-x86/", "win32-x86/attach_hotspot_windows.dll",
            "win32-x86-64/", "win32-x86-64/attach_hotspot_windows.dll");

    @Test
    void everyClassIsOursOrRelocatedUnderTheShadedPackage() throws IOException {
        List<String> misplaced = new ArrayList<>();
        int classes = 0;
        int shaded = 0;
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                String path = name.replaceFirst("^META-INF/versions/\\d+/", "");
                for (String prefix : THIRD_PARTY) {
                    if (path.startsWith(prefix)) {
                        misplaced.add(name + " (not relocated)");
                    }
                }
                if (name.endsWith(".class")) {
                    classes++;
                    shaded += path.startsWith("io/selfheal/shaded/") ? 1 : 0;
                    if (OWN_PACKAGES.stream().noneMatch(path::startsWith)) {
                        misplaced.add(name + " (a class outside io/selfheal/{agent,runtime,bootstrap,shaded})");
                    }
                } else if (!name.startsWith("io/") && !name.startsWith("META-INF/") && !NATIVE_FILES.contains(name)) {
                    misplaced.add(name + " (a top-level resource)");
                }
                if (name.startsWith("META-INF/services/") && !e.isDirectory()) {
                    checkServiceFile(jar, e, misplaced);
                }
            }
        }
        assertEquals(List.of(), misplaced);
        assertTrue(shaded > 1000, "only " + shaded + " relocated classes of " + classes);
        assertTrue(classes - shaded > 100, "only " + (classes - shaded) + " classes of our own");
    }

    /**
     * Issue 16, point 5: test-only code stays out of the shipped jar. The verifier corpus runner
     * lives with the integration tests ({@code io.selfheal.it.reliability.VerifierCorpus}).
     */
    @Test
    void theJarHoldsNoTestOnlyCode() throws IOException {
        List<String> testOnly = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().contains("VerifierCorpus") || e.getName().startsWith("io/selfheal/it/")) {
                    testOnly.add(e.getName());
                }
            }
        }
        assertEquals(List.of(), testOnly);
    }

    /** A service file's name and every provider in it must be relocated too, or the lookup finds nothing. */
    private static void checkServiceFile(JarFile jar, JarEntry e, List<String> misplaced) throws IOException {
        String service = e.getName().substring("META-INF/services/".length());
        if (!service.startsWith("io.selfheal.")) {
            misplaced.add(e.getName() + " (service name not relocated)");
        }
        try (InputStream in = jar.getInputStream(e)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String provider = line.replaceFirst("#.*", "").trim();
                if (!provider.isEmpty() && !provider.startsWith("io.selfheal.")) {
                    misplaced.add(e.getName() + " names " + provider + " (provider not relocated)");
                }
            }
        }
    }

    /**
     * The list the agent defines ASM from, into the boot loader at the first weave, is exactly the
     * jar's ASM classes, each after its superclass and interfaces (a class is defined only after
     * them). A failure prints the list to put in agent/src/main/resources/META-INF/selfheal/.
     */
    @Test
    void theBootLoaderAsmListIsTheJarsAsmClassesSupertypesFirst() throws Exception {
        String prefix = "io/selfheal/shaded/org/objectweb/asm/";
        List<String> inJar = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().startsWith(prefix) && e.getName().endsWith(".class")) {
                    inJar.add(e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.'));
                }
            }
            JarEntry list = jar.getJarEntry("META-INF/selfheal/boot-asm.list");
            assertNotNull(list, "META-INF/selfheal/boot-asm.list is missing from the agent jar");
            try (InputStream in = jar.getInputStream(list)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        listed.add(line.trim());
                    }
                }
            }
        }
        assertTrue(inJar.size() > 50, "the jar's ASM classes: " + inJar);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {ChildJvm.agentJar().toUri().toURL()}, null)) {
            List<String> supertypesFirst = supertypesFirst(inJar, loader);
            assertEquals(Set.copyOf(inJar), Set.copyOf(listed), "put this list in boot-asm.list:\n"
                    + String.join("\n", supertypesFirst));
            Set<String> before = new HashSet<>();
            for (String name : listed) {
                Class<?> c = Class.forName(name, false, loader);
                List<Class<?>> supertypes = new ArrayList<>(List.of(c.getInterfaces()));
                if (c.getSuperclass() != null) {
                    supertypes.add(c.getSuperclass());
                }
                for (Class<?> s : supertypes) {
                    assertTrue(!inJar.contains(s.getName()) || before.contains(s.getName()), name + " is listed before its"
                            + " supertype " + s.getName() + "; put this list in boot-asm.list:\n"
                            + String.join("\n", supertypesFirst));
                }
                before.add(name);
            }
        }
    }

    private static List<String> supertypesFirst(List<String> names, ClassLoader loader) throws ClassNotFoundException {
        List<String> order = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            addAfterSupertypes(name, names, loader, order);
        }
        return order;
    }

    private static void addAfterSupertypes(String name, List<String> names, ClassLoader loader, List<String> order)
            throws ClassNotFoundException {
        if (!names.contains(name) || order.contains(name)) {
            return;
        }
        Class<?> c = Class.forName(name, false, loader);
        if (c.getSuperclass() != null) {
            addAfterSupertypes(c.getSuperclass().getName(), names, loader, order);
        }
        for (Class<?> i : c.getInterfaces()) {
            addAfterSupertypes(i.getName(), names, loader, order);
        }
        order.add(name);
    }

    @Test
    void theManifestHasEveryEntryPoint() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            // Names every later version keeps: AgentLauncher says why.
            assertEquals("io.selfheal.agent.AgentLauncher", main.getValue("Premain-Class"));
            assertEquals("io.selfheal.agent.AgentLauncher", main.getValue("Agent-Class"));
            assertEquals("io.selfheal.agent.AgentMain", main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Can-Redefine-Classes"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertTrue(jar.getEntry("io/selfheal/agent/AgentMain.class") != null, "the entry point class is in the jar");
            assertTrue(jar.getEntry("io/selfheal/agent/AgentLauncher.class") != null, "the premain class is in the jar");
            // The jar's own file name: the JVM then reads the agent through the boot loader.
            assertEquals(ChildJvm.agentJar().getFileName().toString(), main.getValue("Boot-Class-Path"));
            // Read there, the gateway must be a top-level entry too, not only the nested jar.
            assertTrue(jar.getEntry("io/selfheal/bootstrap/Healing.class") != null, "the gateway is top-level");
            assertTrue(jar.getEntry("META-INF/selfheal/selfheal-bootstrap.jar") != null, "the nested gateway jar");
        }
    }
}
