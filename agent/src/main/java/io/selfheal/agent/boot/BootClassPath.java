package io.selfheal.agent.boot;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether the agent runs from the boot loader, and whether that is the jar the JVM was given.
 *
 * <p>The agent jar's manifest names {@value #JAR_NAME} as its {@code Boot-Class-Path}, relative
 * to the jar. Given the jar under that name with {@code -javaagent}, the JVM puts the jar itself
 * on the boot class path before {@code premain} (as {@code -Xbootclasspath/a} would), and every
 * class of the agent, its premain class first, is then read by the boot loader: lazily, natively,
 * and not verified, which makes the agent's start about a third cheaper than loading the same
 * classes through the application loader. Class-data sharing is unaffected; the same append
 * after start ({@code Instrumentation.appendToBootstrapClassLoaderSearch}) would print a warning
 * and turn sharing off for the application's classes.
 *
 * <p>Under another name the path names a file that is not there, and the agent runs from the
 * application loader as any agent does. The case to catch is a different file of that name next
 * to a renamed agent jar (an older version kept beside a newer one): the boot loader would then
 * run that file's classes, not the given jar's.
 */
public final class BootClassPath {
    /** The name the {@code Boot-Class-Path} manifest entry gives (agent/pom.xml). */
    public static final String JAR_NAME = "selfheal-agent.jar";
    private static final String JAVAAGENT = "-javaagent:";
    /** The launcher's options whose value is the next argument. */
    private static final Set<String> OPTIONS_WITH_A_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads",
            "--add-exports", "--add-opens", "--patch-module", "--enable-native-access");

    private BootClassPath() {
    }

    /** True when the agent's classes come from the boot class path. */
    public static boolean inUse() {
        return BootClassPath.class.getClassLoader() == null;
    }

    /**
     * With the agent on the boot class path: the file the boot loader reads when that is not the
     * {@code -javaagent} jar, else {@code null}. Also {@code null} when it cannot tell (the agent
     * was attached, or the JVM's arguments cannot be read): the jar is then taken as the agent's.
     */
    public static Path foreignJar(Instrumentation inst) {
        if (givenByItsNameOnTheCommandLine()) {
            return null;
        }
        Path foreign = null;
        for (File given : javaagentJars(inst)) {
            // The JVM resolves Boot-Class-Path next to the jar's canonical path, symbolic links followed.
            File onBootPath = new File(given.getParentFile(), JAR_NAME);
            if (!onBootPath.isFile()) {
                continue;
            }
            if (sameContent(given.toPath(), onBootPath.toPath())) {
                return null;
            }
            foreign = onBootPath.toPath();
        }
        return foreign;
    }

    /**
     * The quick answer, for the usual case: an option {@code -javaagent} of the launcher's
     * command line names a file whose canonical name is {@value #JAR_NAME}, whose
     * {@code Boot-Class-Path} is then the file itself. Read from {@code /proc/self/cmdline} with
     * plain {@code java.io}: opening the JVM's own argument list ({@link #runtimeArguments})
     * costs some milliseconds of start-up, and it is needed only where this cannot tell
     * ({@code JAVA_TOOL_OPTIONS}, argument files, an option this does not know, no {@code /proc}).
     */
    private static boolean givenByItsNameOnTheCommandLine() {
        byte[] commandLine;
        try (FileInputStream in = new FileInputStream("/proc/self/cmdline")) {
            commandLine = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // Latin-1 keeps every byte as one character: exact for an ASCII path; any other path is
        // not found under that spelling, and the slow check below settles it.
        String[] arguments = new String(commandLine, StandardCharsets.ISO_8859_1).split("\0");
        for (int i = 1; i < arguments.length; i++) {
            String argument = arguments[i];
            File jar = javaagentJar(argument);
            if (jar != null) {
                if (jar.getName().equals(JAR_NAME)) {
                    return true;
                }
            } else if (OPTIONS_WITH_A_VALUE.contains(argument)) {
                i++;
            } else if (!argument.startsWith("-") || argument.equals("-jar") || argument.equals("-m")
                    || argument.equals("--module")) {
                return false;   // the application's own arguments start here
            }
        }
        return false;
    }

    /**
     * The canonical jar of a {@code -javaagent:JAR[=OPTIONS]} argument; {@code null} for any
     * other argument, or a path that cannot be made canonical.
     */
    private static File javaagentJar(String argument) {
        if (!argument.startsWith(JAVAAGENT)) {
            return null;
        }
        String spec = argument.substring(JAVAAGENT.length());
        int options = spec.indexOf('=');
        try {
            return new File(options < 0 ? spec : spec.substring(0, options)).getCanonicalFile();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean sameContent(Path a, Path b) {
        try {
            return Files.isSameFile(a, b) || Files.mismatch(a, b) == -1L;
        } catch (IOException e) {
            return false;
        }
    }

    /** The jars of the JVM's {@code -javaagent} options, canonical; empty when they cannot be read. */
    private static List<File> javaagentJars(Instrumentation inst) {
        List<File> jars = new ArrayList<>();
        for (String argument : runtimeArguments(inst)) {
            File jar = javaagentJar(argument);
            if (jar != null) {
                jars.add(jar);
            }
        }
        return jars;
    }

    /**
     * The JVM's own arguments, {@code JAVA_TOOL_OPTIONS} included, as {@code RuntimeMXBean} gives
     * them, read where that bean reads them: starting the management classes here would cost more
     * than the rest of this check.
     */
    private static String[] runtimeArguments(Instrumentation inst) {
        try {
            BootLoaderDefiner.openInternalMisc(inst);
            Method arguments = Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments");
            return (String[]) arguments.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new String[0];
        }
    }
}
