package io.selfheal.agent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * The agent's start, after {@link AgentLauncher} (the jar's {@code premain} and {@code agentmain}),
 * and {@code main} for {@code java -jar selfheal-agent.jar COMMAND}.
 *
 * <p>This class references no bootstrap or runtime type: when the agent does not run from the boot
 * class path ({@link BootClassPath}), the bootstrap classes must be in the boot loader before any
 * class that mentions {@code io.selfheal.bootstrap} loads.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(io.selfheal.agent.cli.Cli.run(args, System.out, System.err));
    }

    /** From {@link AgentLauncher}, the jar's premain and agentmain class. */
    static void start(String arguments, Instrumentation inst, boolean atLaunch) {
        StartupTrace.mark("premain");
        if (BootClassPath.inUse()) {
            Path foreign = BootClassPath.foreignJar(inst);
            if (foreign != null) {
                AgentLauncher.refuseOtherJar("the agent's classes were read from " + foreign + ", not from the"
                        + " -javaagent jar: the agent jar puts " + BootClassPath.JAR_NAME + " next to itself on the"
                        + " boot class path, and that file is a different one.");
                return;
            }
            StartupTrace.mark("running from the boot class path");
            // The bootstrap classes are top-level entries of the same jar: the boot loader has them.
            AgentStarter.start(arguments, inst, atLaunch, null);
            return;
        }
        BootLoaderDefiner bootLoader;
        try {
            bootLoader = BootstrapJar.install(inst);
            StartupTrace.mark("bootstrap classes defined");
        } catch (Throwable t) {
            System.err.println("[selfheal] cannot install the bootstrap classes, agent disabled: " + t);
            return;
        }
        AgentStarter.start(arguments, inst, atLaunch, bootLoader);
    }
}
