package io.selfheal.agent;

import io.selfheal.agent.boot.BootClassPath;
import io.selfheal.agent.boot.BootLoaderDefiner;
import io.selfheal.agent.boot.BootstrapJar;
import io.selfheal.agent.boot.StartupTrace;
import io.selfheal.agent.lifecycle.ConfigAtStart;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * The agent's {@code Premain-Class} and {@code Agent-Class}: makes sure the agent's classes are
 * this jar's own and the bootstrap classes are in the boot loader, then hands over to
 * {@link ConfigAtStart}. It names no other class of the agent until the first check is done.
 *
 * <p>The JVM loads this class through the application loader, which asks the boot loader first.
 * When the jar runs under its own name ({@link BootClassPath}), the boot loader has this class
 * from the jar itself. When the jar runs under another name and a different
 * {@value BootClassPath#JAR_NAME} sits next to it, the JVM has put that file on the boot class path
 * instead: if it is a selfheal jar of this version or later, it has this class too, and its copy
 * of this class compares the two files ({@link BootClassPath#foreignJar}); if it is older than
 * this class, the boot loader does not have this class, so it comes from this jar through the
 * application loader, while the boot loader would answer every other agent class from the older
 * file. Every selfheal jar has had {@link #ANY_SELFHEAL_JAR}: this class catches that case and
 * keeps the agent off, rather than running another version's code. Keep this class's name and
 * {@code AgentMain}'s, and keep this class free of other agent types before the check, in every
 * later version.
 *
 * <p>No lambdas here or anywhere on the start path: each first lambda spins hidden classes
 * through {@code java.lang.invoke}, about a millisecond apiece at start.
 */
public final class AgentLauncher {
    /** Set once the agent has started loading in this JVM: a second load is ignored. */
    private static final String LOADED = "selfheal.agent.loaded";
    /** A class every selfheal agent jar has had, this one included: the command line's entry point. */
    private static final String ANY_SELFHEAL_JAR = "io.selfheal.agent.AgentMain";

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
        if (AgentLauncher.class.getClassLoader() != null && bootLoaderHas(ANY_SELFHEAL_JAR)) {
            refuseOtherJar("an older selfheal agent jar is on the boot class path: a file named selfheal-agent.jar"
                    + " next to this agent jar, whose classes would run instead of this jar's.");
            return;
        }
        System.setProperty(LOADED, "true");
        start(arguments, inst, atLaunch);
    }

    /**
     * The bootstrap classes into the boot loader before any class that names them loads: read
     * from this jar when the agent runs from the boot class path (checked to be this jar), else
     * defined there from the nested jar; then the config and the rest of the start.
     */
    private static void start(String arguments, Instrumentation inst, boolean atLaunch) {
        StartupTrace.mark("premain");
        BootLoaderDefiner bootLoader = null;
        if (BootClassPath.inUse()) {
            Path foreign = BootClassPath.foreignJar(inst);
            if (foreign != null) {
                refuseOtherJar("the agent's classes were read from " + foreign + ", not from the"
                        + " -javaagent jar: the agent jar puts " + BootClassPath.JAR_NAME + " next to itself on the"
                        + " boot class path, and that file is a different one.");
                return;
            }
            // The bootstrap classes are top-level entries of the same jar: the boot loader has them.
            StartupTrace.mark("running from the boot class path");
        } else {
            try {
                bootLoader = BootstrapJar.install(inst);
                StartupTrace.mark("bootstrap classes defined");
            } catch (Throwable t) {
                System.err.println("[selfheal] cannot install the bootstrap classes, agent disabled: " + t);
                return;
            }
        }
        ConfigAtStart.start(arguments, inst, atLaunch, bootLoader);
    }

    /** Says why the agent stays off when another jar's classes would run, and what to do. */
    private static void refuseOtherJar(String why) {
        System.err.println("[selfheal] " + why + " Give the agent jar the name selfheal-agent.jar, or move the"
                + " other file away. The agent is disabled; the application runs without healing.");
    }

    private static boolean bootLoaderHas(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
