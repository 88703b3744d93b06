package io.selfheal.agent.cli;

import io.selfheal.agent.boot.AgentJar;
import io.selfheal.agent.boot.AgentVersion;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.ConfigProblem;
import io.selfheal.runtime.config.ConfigWarnings;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Paths;

/**
 * {@code java -jar selfheal-agent.jar COMMAND ...}. Exit status 0 is success, 1 a failure the
 * output explains, 2 a usage error.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "validate":
                    return validate(args, out, err);
                case "events":
                    return EventsCommand.run(args, out, err);
                case "status":
                    return StatusCommand.run(args, out, err);
                case "attach":
                    return AttachCommand.run(args, out, err);
                case "patch":
                    return PatchCommands.patch(args, out, err);
                case "rollback":
                    return PatchCommands.rollback(args, out, err);
                case "patches":
                    return PatchCommands.patches(args, out, err);
                case "drill":
                    return DrillCommands.drill(args, out, err);
                case "drill-stop":
                    return DrillCommands.stop(args, out, err);
                case "check-patch":
                    return CheckPatchCommand.run(args, out, err);
                case "version":
                case "--version":
                    out.println("selfheal " + AgentVersion.get());
                    return 0;
                default:
                    err.println("selfheal: unknown command '" + args[0] + "'");
                    usage(err);
                    return 2;
            }
        } catch (RuntimeException e) {
            err.println("selfheal " + args[0] + ": " + e);
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("selfheal " + AgentVersion.get() + ": a self-healing Java agent");
        out.println();
        out.println("usage: java -jar selfheal-agent.jar COMMAND");
        out.println("  validate FILE           check a config file; exit 1 with every problem when it has any");
        out.println("  attach PID [CONFIG]     load the agent into a running JVM (CONFIG: path of the YAML file)");
        out.println("  patch PID JAR [--dry-run]");
        out.println("                          hot-patch a running JVM with the classes in JAR (exit 1 and the reason if rejected;");
        out.println("                          --dry-run: the JVM's checks only, nothing applied)");
        out.println("      [--probation-for 5m --rollback-if \"error-rate > before * 1.5\" [--min-calls 50] [--probation-targets T1,T2]]");
        out.println("                          watch the patch for 5m; roll it back by itself as soon as the condition holds");
        out.println("  check-patch JAR --against APP.jar|DIR|CLASSPATH [--truststore FILE --truststore-password-env NAME]");
        out.println("                          the agent's checks of a patch, offline, against the application's classes");
        out.println("  rollback PID ID         roll back patch ID in a running JVM");
        out.println("  patches PID             list the patches applied in a running JVM");
        out.println("  drill PID TARGET [--throw CLASS[:MESSAGE] | --latency D | --return LITERAL] [--rate R] [--for D]");
        out.println("        [--calls N] [--detach]   inject a fault into a target's calls and report what healed;");
        out.println("                          exit 0 all healed, 1 a fault reached the caller, 2 refused (needs drills.enabled)");
        out.println("  drill-stop PID TARGET   end the drill running on TARGET and print its report");
        out.println("  status PID [--watch] [--json]");
        out.println("                          the targets of a running JVM: calls, failures, healed, circuit,");
        out.println("                          health, last error (--watch: every second; --json: as JSON, keys");
        out.println("                          are the MBean attribute names with a lower-case first letter)");
        out.println("  events PID|FILE [--follow]");
        out.println("                          print a healing log readably (--follow: keep printing new events)");
        out.println("  version                 print the agent's version");
        out.println();
        out.println("attach at start:  java -javaagent:selfheal-agent.jar=config=selfheal.yaml -jar app.jar");
    }

    private static int validate(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: java -jar selfheal-agent.jar validate FILE");
            return 2;
        }
        try {
            AgentConfig config = ConfigLoader.load(Paths.get(args[1]));
            out.println(args[1] + ": OK, " + config.targets().size() + " target"
                    + (config.targets().size() == 1 ? "" : "s"));
            for (ConfigProblem warning : ConfigWarnings.of(config)) {
                out.println("warning: " + warning);   // valid all the same: exit 0
            }
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** The jar this class was loaded from: the agent jar itself. */
    static File agentJar() {
        File jar = AgentJar.file();
        if (jar == null) {
            throw new IllegalStateException("cannot locate the agent jar");
        }
        return jar;
    }
}
