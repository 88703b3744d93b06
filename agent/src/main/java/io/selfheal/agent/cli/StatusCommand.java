package io.selfheal.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code status PID [--watch] [--json]}: attaches to a running JVM over JMX and prints its
 * targets. {@code --watch} refreshes every second until interrupted or the JVM exits;
 * {@code --json} prints the same data as JSON (one object a line with {@code --watch}).
 */
final class StatusCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String pid = null;
        boolean watch = false;
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--watch" -> watch = true;
                case "--json" -> json = true;
                default -> {
                    if (pid != null || !args[i].matches("\\d+")) {
                        return usage(err);
                    }
                    pid = args[i];
                }
            }
        }
        if (pid == null) {
            return usage(err);
        }
        try (LiveJvm jvm = LiveJvm.attach(pid)) {
            if (!jvm.hasAgent()) {
                err.println("selfheal status: JVM " + pid + " does not run the selfheal agent"
                        + " (load it with: java -jar selfheal-agent.jar attach " + pid + " CONFIG)");
                return 1;
            }
            do {
                Map<String, Object> snapshot;
                try {
                    snapshot = jvm.snapshot();
                } catch (Exception gone) {
                    if (watch) {
                        err.println("selfheal status: JVM " + pid + " is gone");
                        return 0;
                    }
                    throw gone;
                }
                if (json) {
                    out.println(JSON.writeValueAsString(snapshot));
                } else {
                    if (watch) {
                        out.print("\033[H\033[2J");
                    }
                    out.print(StatusTable.render(snapshot));
                }
                out.flush();
                if (watch) {
                    Thread.sleep(1000);
                }
            } while (watch);
            return 0;
        } catch (InterruptedException e) {
            return 0;
        } catch (Exception e) {
            err.println("selfheal status: cannot read JVM " + pid + ": " + e);
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -jar selfheal-agent.jar status PID [--watch] [--json]");
        return 2;
    }
}
