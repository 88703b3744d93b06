package io.selfheal.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * The application the observability tests look at (JFR, /metrics, Micrometer, OpenTelemetry): it
 * prints {@code READY <pid>}, then runs one command a line from stdin and answers
 * {@code DONE <command> <last result>}: {@code flaky N} (fails every other run: a retry heals it),
 * {@code down N} (always fails: fallback, then the circuit opens and short-circuits),
 * {@code lonely N} (always fails: isolated after two), {@code ledger N} (changes its state, then
 * fails: restored, then a fallback answers), {@code meters} (the application's Micrometer's
 * {@code selfheal} meters, one {@code METER} line each, then {@code DONE meters}),
 * {@code traced <command> N} (the command inside a span of the application's OpenTelemetry),
 * {@code retransform} (a third agent retransforms the service's class), {@code quit}.
 */
public final class ObserveApp {
    private ObserveApp() {
    }

    public static void main(String[] args) throws Exception {
        MeterDump.addSimpleRegistryIfPresent();
        ObservedService service = new ObservedService();
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.trim().split("\\s+");
            if (parts[0].equals("quit")) {
                break;
            }
            if (parts[0].equals("meters")) {
                for (String meter : MeterDump.lines()) {
                    System.out.println(meter);
                }
                System.out.println("DONE meters " + MeterDump.lines().size());
                System.out.flush();
                continue;
            }
            if (parts[0].equals("retransform")) {
                System.out.println("DONE retransform " + Retransformer.retransform(ObservedService.class));
                System.out.flush();
                continue;
            }
            if (parts[0].equals("traced")) {
                String[] inner = java.util.Arrays.copyOfRange(parts, 1, parts.length);
                String last = Traced.inSpan("traced-" + inner[0], () -> runAll(service, inner));
                System.out.println("DONE " + line.trim() + " " + last);
                System.out.flush();
                continue;
            }
            String last = runAll(service, parts);
            System.out.println("DONE " + line.trim() + " " + last);
            System.out.flush();
        }
    }

    private static String runAll(ObservedService service, String[] parts) {
        int n = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        String last = "";
        for (int i = 0; i < n; i++) {
            try {
                last = switch (parts[0]) {
                    case "flaky" -> service.flaky(i);
                    case "down" -> service.down(i);
                    case "lonely" -> service.lonely(i);
                    case "ledger" -> service.ledger(i);
                    default -> "unknown command";
                };
            } catch (Throwable t) {
                last = "threw " + t;
            }
        }
        return last;
    }
}
