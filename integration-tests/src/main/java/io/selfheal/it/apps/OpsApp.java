package io.selfheal.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * A long-running application an operator looks at: it prints {@code READY <pid>}, then runs one
 * command a line from stdin and answers {@code DONE <command> <last result>}:
 * {@code ok N}, {@code fail N}, {@code other N}, {@code quit}.
 */
public final class OpsApp {
    private OpsApp() {
    }

    public static void main(String[] args) throws Exception {
        OpsService service = new OpsService();
        OpsOther other = new OpsOther();
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.trim().split("\\s+");
            if (parts[0].equals("quit")) {
                break;
            }
            int n = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            String last = "";
            for (int i = 0; i < n; i++) {
                try {
                    last = switch (parts[0]) {
                        case "ok" -> service.ok(i);
                        case "fail" -> service.fails(i);
                        case "other" -> other.work(i);
                        default -> "unknown command";
                    };
                } catch (Throwable t) {
                    last = "threw " + t;
                }
            }
            System.out.println("DONE " + line.trim() + " " + last);
            System.out.flush();
        }
    }
}
