package io.selfheal.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.runtime.jmx.DrillOptions;
import io.selfheal.runtime.jmx.Jmx;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;

/**
 * {@code drill PID TARGET [options]} and {@code drill-stop PID TARGET}: start or end a drill through
 * the Target MBean of a running JVM (reached as {@code status} reaches it). {@code drill} waits for
 * the drill's end (unless {@code --detach}) and prints its report as JSON; exit 0 when no touched
 * call's fault reached its caller, 1 when one did, 2 when the drill was refused (the reason on
 * standard error).
 */
final class DrillCommands {
    static final int HEALED = 0;
    static final int UNHEALED = 1;
    static final int REFUSED = 2;
    private static final long POLL_MILLIS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DrillCommands() {
    }

    static int drill(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 3) {
            err.println("usage: java -jar selfheal-agent.jar drill PID TARGET [--throw CLASS[:MESSAGE]]"
                    + " [--latency DURATION] [--return LITERAL] [--rate R] [--for DURATION] [--calls N] [--detach]");
            return REFUSED;
        }
        String pid = args[1];
        String target = args[2];
        List<String> options = Arrays.asList(args).subList(3, args.length);
        boolean detach = options.contains("--detach");
        try (LiveJvm jvm = LiveJvm.attach(pid)) {
            ObjectName bean = targetBean(jvm, pid, target);
            String started;
            try {
                started = (String) jvm.server().invoke(bean, "startDrill", new Object[] {DrillOptions.join(options)},
                        new String[] {String.class.getName()});
            } catch (MBeanException | RuntimeMBeanException e) {
                err.println("selfheal drill: refused: " + reason(e));
                return REFUSED;
            }
            JsonNode report = JSON.readTree(started);
            err.println("selfheal drill: started on " + target + ": " + report.path("fault").asText() + ", rate "
                    + report.path("rate").asText() + ", for " + report.path("forMs").asLong() + "ms");
            if (detach) {
                out.println(started);
                return HEALED;
            }
            return awaitEnd(jvm, bean, report, out, err);
        } catch (Refusal e) {
            err.println("selfheal drill: refused: " + e.getMessage());
            return REFUSED;
        } catch (Exception e) {
            err.println("selfheal drill: refused: " + reason(e));
            return REFUSED;
        }
    }

    /** Polls the report until it is final; a JVM that ends meanwhile leaves the last report read. */
    private static int awaitEnd(LiveJvm jvm, ObjectName bean, JsonNode report, PrintStream out, PrintStream err)
            throws InterruptedException {
        String last = report.toString();
        while (true) {
            Thread.sleep(POLL_MILLIS);
            String now;
            try {
                now = (String) jvm.server().getAttribute(bean, "DrillReport");
            } catch (Exception gone) {
                err.println("selfheal drill: the JVM went away before the drill's end (" + reason(gone)
                        + "); the last counts read:");
                return verdict(last, out, err);
            }
            if (now == null) {
                continue;
            }
            last = now;
            try {
                if (JSON.readTree(now).hasNonNull("ended")) {
                    return verdict(now, out, err);
                }
            } catch (IOException e) {
                err.println("selfheal drill: unreadable report: " + now);
                return UNHEALED;
            }
        }
    }

    private static int verdict(String reportJson, PrintStream out, PrintStream err) {
        out.println(reportJson);
        try {
            JsonNode r = JSON.readTree(reportJson);
            long unhealed = r.path("unhealed").asLong();
            err.println("selfheal drill: " + r.path("touched").asLong() + " touched, " + r.path("healed").asLong()
                    + " healed " + r.path("healedBy") + ", " + unhealed + " unhealed (ended: "
                    + r.path("ended").asText() + ")");
            return unhealed == 0 ? HEALED : UNHEALED;
        } catch (IOException e) {
            return UNHEALED;
        }
    }

    static int stop(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: java -jar selfheal-agent.jar drill-stop PID TARGET");
            return REFUSED;
        }
        try (LiveJvm jvm = LiveJvm.attach(args[1])) {
            ObjectName bean = targetBean(jvm, args[1], args[2]);
            Object report = jvm.server().invoke(bean, "stopDrill", new Object[0], new String[0]);
            if (report == null) {
                err.println("selfheal drill-stop: no drill runs on target '" + args[2] + "'");
                return REFUSED;
            }
            out.println(report);
            return HEALED;
        } catch (Refusal e) {
            err.println("selfheal drill-stop: " + e.getMessage());
            return REFUSED;
        } catch (Exception e) {
            err.println("selfheal drill-stop: " + reason(e));
            return REFUSED;
        }
    }

    private static ObjectName targetBean(LiveJvm jvm, String pid, String target) throws Exception {
        if (!jvm.hasAgent()) {
            throw new Refusal("the selfheal agent is not running in JVM " + pid
                    + "; load it first: java -jar selfheal-agent.jar attach " + pid + " CONFIG");
        }
        ObjectName bean = Jmx.targetName(target);
        MBeanServerConnection server = jvm.server();
        if (!server.isRegistered(bean)) {
            throw new Refusal("no target named '" + target + "' in JVM " + pid);
        }
        return bean;
    }

    /** The innermost message: what the agent said, not the JMX wrapping around it. */
    private static String reason(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }
}
