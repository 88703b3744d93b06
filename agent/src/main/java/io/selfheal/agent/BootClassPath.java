package io.selfheal.agent;

import java.io.FileInputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
final class BootClassPath {
    /** The name the {@code Boot-Class-Path} manifest entry gives (agent/pom.xml). */
    static final String JAR_NAME = "selfheal-agent.jar";
    private static final String JAVAAGENT = "-javaagent:";

    private BootClassPath() {
    }

    /** True when the agent's classes come from the boot class path. */
    static boolean inUse() {
        return BootClassPath.class.getClassLoader() == null;
    }

    /**
     * With the agent on the boot class path: the file the boot loader reads when that is not the
     * {@code -javaagent} jar, else {@code null}. Also {@code null} when it cannot tell (the agent
     * was attached, or the JVM's arguments cannot be read): the jar is then taken as the agent's.
     */
    static Path foreignJar(Instrumentation inst) {
        if (givenByItsNameOnTheCommandLine()) {
            return null;
        }
        List<Path> agentJars = javaagentJars(inst);
        Path foreign = null;
        for (Path given : agentJars) {
            Path onBootPath = given.resolveSibling(JAR_NAME);
            if (!Files.isRegularFile(onBootPath)) {
                continue;
            }
            if (sameContent(given, onBootPath)) {
                return null;
            }
            foreign = onBootPath;
        }
        return foreign;
    }

    /**
     * The quick answer, for the usual case: a {@code -javaagent} of the launcher's command line
     * names a file called {@value #JAR_NAME}, whose {@code Boot-Class-Path} is then the file
     * itself. Read from {@code /proc/self/cmdline} with plain {@code java.io}: opening the JVM's
     * own argument list ({@link #runtimeArguments}) costs some milliseconds of start-up, and it is
     * needed only where this cannot tell ({@code JAVA_TOOL_OPTIONS}, argument files, no
     * {@code /proc}).
     */
    private static boolean givenByItsNameOnTheCommandLine() {
        byte[] commandLine;
        try (FileInputStream in = new FileInputStream("/proc/self/cmdline")) {
            commandLine = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // The name is ASCII, so bytes compare as Latin-1 characters whatever the path's encoding.
        for (String argument : new String(commandLine, StandardCharsets.ISO_8859_1).split("\0")) {
            if (argument.startsWith(JAVAAGENT)) {
                int options = argument.indexOf('=');
                String jar = options < 0 ? argument : argument.substring(0, options);
                if (jar.endsWith("/" + JAR_NAME) || jar.equals(JAVAAGENT + JAR_NAME)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameContent(Path a, Path b) {
        try {
            return Files.isSameFile(a, b) || Files.mismatch(a, b) == -1L;
        } catch (IOException e) {
            return false;
        }
    }

    /** The jars of the JVM's {@code -javaagent} options, absolute; empty when they cannot be read. */
    private static List<Path> javaagentJars(Instrumentation inst) {
        List<Path> jars = new ArrayList<>();
        for (String argument : runtimeArguments(inst)) {
            if (argument.startsWith(JAVAAGENT)) {
                String spec = argument.substring(JAVAAGENT.length());
                int options = spec.indexOf('=');
                try {
                    jars.add(Paths.get(options < 0 ? spec : spec.substring(0, options)).toAbsolutePath());
                } catch (RuntimeException e) {
                    // A path this file system cannot parse is no jar the JVM opened either.
                }
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
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc",
                    Set.of(BootClassPath.class.getModule())), Map.of(), Set.of(), Map.of());
            Method arguments = Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments");
            return (String[]) arguments.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new String[0];
        }
    }
}
