package io.selfheal.agent.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Puts the agent's ASM into the boot loader just before the first weave. The JVM verifies every
 * class an application loader defines and none that the boot loader defines; verifying ASM's
 * classes was the largest part of the first weave, which happens inside the load of the first
 * class to weave. ASM is self-contained (it names only JDK types) and relocated under
 * {@code io.selfheal.shaded}, so in the boot loader it is visible to every loader but named by
 * no code other than the agent's, which finds it there by the usual parent-first delegation.
 *
 * <p>The classes are listed, supertypes first, in {@value #LIST}; AgentJarTest keeps the list
 * equal to the jar's ASM classes and in that order. Every entry is read before the first is
 * defined, so a missing or unreadable entry leaves ASM with the agent's loader (verified, as
 * before). A definition refused part-way (which the list's order rules out) would leave part of
 * ASM in the boot loader and weaving failing, reported as agent faults, the application unwoven.
 * Like every class of this package it names no runtime type: the caller reports what it throws.
 */
public final class BootLoaderAsm {
    static final String LIST = "META-INF/selfheal/boot-asm.list";

    private BootLoaderAsm() {
    }

    /**
     * @return true when ASM is in the boot loader now, false when there is nothing to define it
     *     from (no definer, no agent jar, no list)
     * @throws Throwable an entry missing or unreadable, or a definition the JVM refused
     */
    public static boolean define(BootLoaderDefiner definer) throws Throwable {
        if (definer == null) {
            return false;
        }
        try (JarFile jar = AgentJar.open()) {
            if (jar == null) {
                return false;
            }
            List<String> names = names(jar);
            if (names.isEmpty()) {
                return false;
            }
            List<byte[]> classFiles = new ArrayList<>(names.size());
            for (String name : names) {
                byte[] classFile = AgentJar.read(jar, name.replace('.', '/') + ".class");
                if (classFile == null) {
                    throw new IOException(name + " is listed in " + LIST + " and missing from the agent jar");
                }
                classFiles.add(classFile);
            }
            for (int i = 0; i < names.size(); i++) {
                definer.define(names.get(i), classFiles.get(i));
            }
            return true;
        }
    }

    private static List<String> names(JarFile jar) throws IOException {
        List<String> names = new ArrayList<>();
        byte[] list = AgentJar.read(jar, LIST);
        if (list == null) {
            return names;
        }
        for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
            line = line.trim();
            if (!line.isEmpty() && line.charAt(0) != '#') {
                names.add(line);
            }
        }
        return names;
    }
}
