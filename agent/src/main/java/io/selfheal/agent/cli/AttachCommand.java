package io.selfheal.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * {@code attach PID [CONFIG]}: loads the agent into a running JVM. It looks first: a JVM that
 * runs the agent already (loaded at start or by an earlier attach) ignores a second load, so the
 * command says so and exits 1 rather than claim a load that did not happen. On a JVM of Java 21 or
 * later it says what that JVM prints about an agent loaded into it while it runs (JEP 451), and
 * how to avoid it.
 */
final class AttachCommand {
    /** Set by the agent in the JVM it runs in ({@code AgentLauncher}): it is there. */
    static final String LOADED_PROPERTY = "selfheal.agent.loaded";
    /** Set by the agent: the absolute path of its config file. */
    static final String CONFIG_PROPERTY = "selfheal.agent.config";
    static final String ALLOW_FLAG = "-XX:+EnableDynamicAgentLoading";

    private AttachCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3) {
            err.println("usage: java -jar selfheal-agent.jar attach PID [CONFIG]");
            return 2;
        }
        String pid = args[1];
        String options = null;
        if (args.length == 3) {
            Path config = Paths.get(args[2]).toAbsolutePath();
            if (!Files.isReadable(config)) {
                err.println("selfheal attach: cannot read the config file " + config);
                return 1;
            }
            options = "config=" + config;
        }
        Target target;
        try {
            target = Target.of(pid);
        } catch (Exception e) {
            err.println("selfheal attach: could not attach to " + pid + ": " + (e.getCause() != null ? e.getCause() : e));
            return 1;
        }
        if (target.agentLoaded) {
            err.println("selfheal attach: the selfheal agent is already loaded in JVM " + pid
                    + (target.configPath == null ? "" : " (config " + target.configPath + ")")
                    + "; a second load would be ignored, so nothing was loaded.");
            err.println("To change its config, edit " + (target.configPath == null ? "its config file" : "that file")
                    + " and call the operation reloadConfig of the MBean io.selfheal:type=Agent (JConsole, jmxterm),"
                    + " or set watch-config: true in it to have edits applied as they are saved. A different config"
                    + " file takes a restart of the application.");
            return 1;
        }
        File jar;
        try {
            jar = AttachJar.of(Cli.agentJar().toPath()).toFile();
        } catch (IOException e) {
            err.println("selfheal attach: cannot prepare the agent jar to attach: " + e);
            return 1;
        }
        try {
            net.bytebuddy.agent.ByteBuddyAgent.attach(jar, pid, options);
        } catch (RuntimeException e) {
            err.println("selfheal attach: could not attach to " + pid + ": " + (e.getCause() != null ? e.getCause() : e));
            return 1;
        }
        out.println("selfheal agent loaded into JVM " + pid
                + (options == null ? " (no config given: it reads -Dselfheal.config or SELFHEAL_CONFIG of that JVM)" : ""));
        if (target.feature >= 21 && !target.allowsDynamicAgents) {
            explainWarning(out, pid, target.feature, jar, options);
        }
        return 0;
    }

    /** JDK 21 and later print a warning when an agent is loaded into a running JVM (JEP 451): say it before it surprises. */
    private static void explainWarning(PrintStream out, String pid, int feature, File jar, String options) {
        out.println();
        out.println("note: JVM " + pid + " runs Java " + feature + ". Since Java 21 a JVM warns when an agent is loaded"
                + " into it while it runs (JEP 451: dynamic loading of agents is to be disallowed by default in a"
                + " future release), so it has printed on its standard error:");
        out.println("  WARNING: A Java agent has been loaded dynamically (" + jar + ")");
        out.println("  WARNING: If a serviceability tool is in use, please run with " + ALLOW_FLAG
                + " to hide this warning");
        out.println("  WARNING: If a serviceability tool is not in use, please run with -Djdk.instrument.traceUsage"
                + " for more information");
        out.println("  WARNING: Dynamic loading of agents will be disallowed by default in a future release");
        out.println("The agent works all the same. For production, load it at start instead:");
        out.println("  java -javaagent:selfheal-agent.jar" + (options == null ? "" : "=" + options) + " ...");
        out.println("and start a JVM that is meant to be attached to with " + ALLOW_FLAG
                + ": it then allows the attach without the warning.");
    }

    /** What the command needs to know of the JVM before loading anything into it. */
    private static final class Target {
        boolean agentLoaded;
        String configPath;
        int feature;
        boolean allowsDynamicAgents;

        static Target of(String pid) throws Exception {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                Properties system = vm.getSystemProperties();
                Properties agent = vm.getAgentProperties();
                Target t = new Target();
                t.agentLoaded = Boolean.parseBoolean(system.getProperty(LOADED_PROPERTY));
                t.configPath = system.getProperty(CONFIG_PROPERTY);
                t.feature = feature(system.getProperty("java.specification.version", ""));
                t.allowsDynamicAgents = String.valueOf(agent.getProperty("sun.jvm.args")).contains(ALLOW_FLAG)
                        || String.valueOf(agent.getProperty("sun.jvm.flags")).contains(ALLOW_FLAG);
                return t;
            } finally {
                vm.detach();
            }
        }

        /** {@code 17} from {@code 17}, {@code 8} from {@code 1.8}; 0 when unreadable. */
        private static int feature(String specification) {
            String s = specification.startsWith("1.") ? specification.substring(2) : specification;
            int dot = s.indexOf('.');
            try {
                return Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
