package io.selfheal.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's {@code Premain-Class} and {@code Agent-Class}. It names no other class of the agent
 * until it knows that the agent's classes are this jar's own.
 *
 * <p>The JVM loads this class through the application loader, which asks the boot loader first.
 * When the jar runs under its own name ({@link BootClassPath}), the boot loader has this class
 * from the jar itself. When the jar runs under another name and a different
 * {@value BootClassPath#JAR_NAME} sits next to it, the JVM has put that file on the boot class path
 * instead: if it is a selfheal jar of this version or later, it has this class too, and its
 * {@code AgentMain} compares the two files; if it is older than this class, the boot loader does
 * not have this class, so it comes from this jar through the application loader, while the boot
 * loader would answer every other agent class from the older file. This class catches that case
 * and keeps the agent off, rather than running another version's code. Keep its name, and keep it
 * free of other agent types before the check, in every later version.
 */
public final class AgentLauncher {
    /** Set once the agent has started loading in this JVM: a second load is ignored. */
    private static final String LOADED = "selfheal.agent.loaded";

    private AgentLauncher() {
    }

    public static void premain(String arguments, Instrumentation inst) {
        launch(arguments, inst, true);
    }

    public static void agentmain(String arguments, Instrumentation inst) {
        launch(arguments, inst, false);
    }

    private static void launch(String arguments, Instrumentation inst, boolean atLaunch) {
        if (Boolean.getBoolean(LOADED)) {
            System.err.println("[selfheal] the agent is already loaded in this JVM; the second load is ignored");
            return;
        }
        if (AgentLauncher.class.getClassLoader() != null && bootLoaderHas("io.selfheal.agent.AgentMain")) {
            refuseOtherJar("an older selfheal agent jar is on the boot class path: a file named selfheal-agent.jar"
                    + " next to this agent jar, whose classes would run instead of this jar's.");
            return;
        }
        System.setProperty(LOADED, "true");
        AgentMain.start(arguments, inst, atLaunch);
    }

    /** Says why the agent stays off when another jar's classes would run, and what to do. */
    static void refuseOtherJar(String why) {
        System.err.println("[selfheal] " + why + " Give the agent jar the name selfheal-agent.jar, or move the"
                + " other file away. The agent is disabled; the application runs without healing.");
    }

    static boolean bootLoaderHas(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
