package io.selfheal.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import io.selfheal.runtime.config.ProbationConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code patch PID JAR}, {@code rollback PID ID}, {@code patches PID}: reach the running JVM by
 * the Attach API and its local JMX connector ({@code startLocalManagementAgent}), then call the
 * operations of {@code io.selfheal:type=Agent}. No agent is loaded a second time, nothing listens
 * on the network, and no selfheal class is needed on this side: the answers are open types.
 */
final class PatchCommands {
    private static final String AGENT_BEAN = "io.selfheal:type=Agent";

    private PatchCommands() {
    }

    static final String PATCH_USAGE = "usage: java -jar selfheal-agent.jar patch PID JAR [--dry-run]"
            + " [--probation-for DURATION --rollback-if CONDITION [--min-calls N] [--probation-targets T1,T2]]";
    private static final java.util.List<String> PROBATION_FLAGS = java.util.List.of("--probation-for", "--rollback-if",
            "--min-calls", "--probation-targets");

    static int patch(String[] args, PrintStream out, PrintStream err) {
        boolean dryRun = false;
        java.util.List<String> positional = new java.util.ArrayList<>();
        java.util.Map<String, String> probation = new java.util.HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dry-run")) {
                dryRun = true;
            } else if (PROBATION_FLAGS.contains(args[i])) {
                if (i + 1 >= args.length) {
                    err.println("selfheal patch: " + args[i] + " needs a value");
                    err.println(PATCH_USAGE);
                    return 2;
                }
                probation.put(args[i], args[++i]);
            } else if (args[i].startsWith("--")) {
                err.println("selfheal patch: unknown option '" + args[i] + "'");
                err.println(PATCH_USAGE);
                return 2;
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            err.println(PATCH_USAGE);
            return 2;
        }
        Path jar = Paths.get(positional.get(1)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            err.println("selfheal patch: no file " + jar);
            return 1;
        }
        if (dryRun) {
            return invoke(positional.get(0), "checkPatch", new String[] {jar.toString()}, "patch would be rejected",
                    out, err);
        }
        String targets = probation.get("--probation-targets");
        // the agent reads the flags as it reads hot-patch.probation, and names a problem with them alike
        String probationYaml = probation.isEmpty() ? "" : ProbationConfig.flowMapping(probation.get("--probation-for"),
                probation.get("--rollback-if"), probation.get("--min-calls"),
                targets == null ? null : java.util.List.of(targets.split("\\s*,\\s*")));
        return invoke(positional.get(0), "applyPatchFromCli",
                new String[] {jar.toString(), probationYaml, System.getProperty("user.name", "")}, "patch rejected",
                out, err);
    }

    static int rollback(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: java -jar selfheal-agent.jar rollback PID ID");
            return 2;
        }
        return invoke(args[1], "rollbackPatch", new String[] {args[2]}, "rollback refused", out, err);
    }

    static int patches(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: java -jar selfheal-agent.jar patches PID");
            return 2;
        }
        try (JMXConnector connector = connect(args[1])) {
            MBeanServerConnection server = agentServer(connector, args[1]);
            Object answer = server.invoke(new ObjectName(AGENT_BEAN), "patches", new Object[0], new String[0]);
            CompositeData[] rows = (CompositeData[]) answer;
            if (rows.length == 0) {
                out.println("no patch is applied in JVM " + args[1]);
            }
            for (CompositeData row : rows) {
                out.println(row.get("id") + "  " + row.get("status") + "  " + row.get("appliedAt") + "  "
                        + String.join(",", (String[]) row.get("classes"))
                        + (String.valueOf(row.get("description")).isEmpty() ? "" : "  " + row.get("description")));
                out.println("    " + provenance(row));
                String probation = text(row, "probation");
                if (!probation.isEmpty()) {
                    out.println("    probation: " + probation);
                }
            }
            return 0;
        } catch (CliFailure e) {
            err.println("selfheal patches: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("selfheal patches: " + reason(e));
            return 1;
        }
    }

    /** {@code sha256 ...  signed by CN=... (SHA-256 AB:..)  applied by cli (user alice)}. */
    private static String provenance(CompositeData row) {
        String subject = text(row, "signerSubject");
        String via = text(row, "via");
        String user = text(row, "user");
        return "sha256 " + text(row, "sha256") + "  "
                + (subject.isEmpty() ? "unsigned" : "signed by " + subject + " (SHA-256 " + text(row, "signerFingerprint") + ")")
                + "  applied by " + via + (user.isEmpty() ? "" : " (user " + user + ")");
    }

    /** A string item of the row; empty when an older agent's row lacks it. */
    private static String text(CompositeData row, String key) {
        return row.containsKey(key) && row.get(key) != null ? String.valueOf(row.get(key)) : "";
    }

    private static int invoke(String pid, String operation, String[] arguments, String refused, PrintStream out,
            PrintStream err) {
        try (JMXConnector connector = connect(pid)) {
            MBeanServerConnection server = agentServer(connector, pid);
            String[] signature = new String[arguments.length];
            java.util.Arrays.fill(signature, String.class.getName());
            Object answer = server.invoke(new ObjectName(AGENT_BEAN), operation, arguments, signature);
            out.println(answer);
            return 0;
        } catch (CliFailure e) {
            err.println("selfheal: " + e.getMessage());
            return 1;
        } catch (MBeanException | RuntimeMBeanException e) {
            err.println(refused + ": " + reason(e));
            return 1;
        } catch (Exception e) {
            err.println("selfheal: " + reason(e));
            return 1;
        }
    }

    /** The JVM's local JMX connector, started on demand; only this user can reach it. */
    private static JMXConnector connect(String pid) throws Exception {
        String url;
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (Exception e) {
            throw new CliFailure("cannot attach to JVM " + pid + ": " + reason(e));
        }
        try {
            url = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(url));
    }

    private static MBeanServerConnection agentServer(JMXConnector connector, String pid) throws Exception {
        MBeanServerConnection server = connector.getMBeanServerConnection();
        if (!LiveJvm.awaitAgentBean(server)) {
            throw new CliFailure("the selfheal agent is not running in JVM " + pid
                    + "; load it first: java -jar selfheal-agent.jar attach " + pid + " CONFIG");
        }
        return server;
    }

    /** The innermost message: what the agent said, not the JMX wrapping around it. */
    private static String reason(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    private static final class CliFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CliFailure(String message) {
            super(message);
        }
    }
}
