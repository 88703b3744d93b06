package io.selfheal.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent jar's entry points: {@code premain} for {@code -javaagent}, {@code agentmain} for an
 * attach to a running JVM, {@code main} for {@code java -jar selfheal-agent.jar COMMAND}.
 *
 * <p>This class references no bootstrap or runtime type: the bootstrap jar must be appended to
 * the bootstrap class path before any class that mentions {@code io.selfheal.bootstrap} loads.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void premain(String arguments, Instrumentation inst) {
        start(arguments, inst, true);
    }

    public static void agentmain(String arguments, Instrumentation inst) {
        start(arguments, inst, false);
    }

    public static void main(String[] args) {
        System.exit(io.selfheal.agent.cli.Cli.run(args, System.out, System.err));
    }

    private static void start(String arguments, Instrumentation inst, boolean atLaunch) {
        if (Boolean.getBoolean("selfheal.agent.loaded")) {
            System.err.println("[selfheal] the agent is already loaded in this JVM; the second load is ignored");
            return;
        }
        System.setProperty("selfheal.agent.loaded", "true");
        StartupTrace.mark("premain");
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
