package io.selfheal.agent.cli;

import io.selfheal.agent.patch.ApplicationClasses;
import io.selfheal.agent.patch.OfflinePatchCheck;
import io.selfheal.agent.patch.PatchJar;
import io.selfheal.agent.patch.SignatureVerifier;
import io.selfheal.runtime.config.HotPatchConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code check-patch PATCH.jar --against APP.jar|DIR|CLASSPATH [--truststore FILE
 * --truststore-password-env NAME]}: the running agent's checks, offline, before shipping. Exit 0
 * and one line per class, or 1 and one line per problem, worded as the agent words it. Several
 * jars may be named (a build checking all its patches in one JVM start); each line then starts
 * with its jar's file name.
 */
final class CheckPatchCommand {
    static final String USAGE = "usage: java -jar selfheal-agent.jar check-patch PATCH.jar [PATCH.jar...] --against APP.jar|DIR|CLASSPATH"
            + " [--truststore FILE --truststore-password-env NAME]";

    private CheckPatchCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        java.util.List<String> jars = new java.util.ArrayList<>();
        String against = null;
        String truststore = null;
        String passwordEnv = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (a) {
                case "--against" -> against = hasValue ? args[++i] : null;
                case "--truststore" -> truststore = hasValue ? args[++i] : null;
                case "--truststore-password-env" -> passwordEnv = hasValue ? args[++i] : null;
                default -> {
                    if (a.startsWith("--")) {
                        err.println("selfheal check-patch: unknown option '" + a + "'");
                        err.println(USAGE);
                        return 2;
                    }
                    jars.add(a);
                }
            }
        }
        if (jars.isEmpty() || against == null || passwordEnv != null && truststore == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            ApplicationClasses app = ApplicationClasses.of(against);
            SignatureVerifier verifier = truststore == null ? SignatureVerifier.notRequired()
                    : SignatureVerifier.requiring(truststore, passwordEnv);
            int exit = 0;
            for (String jar : jars) {
                Path patch = Paths.get(jar).toAbsolutePath().normalize();
                String prefix = jars.size() == 1 ? "" : patch.getFileName() + ": ";
                exit = Math.max(exit, check(patch, prefix, app, verifier, truststore != null, out, err));
            }
            return exit;
        } catch (IllegalArgumentException e) {
            err.println("selfheal check-patch: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println("selfheal check-patch: cannot read the application's classes: " + e);
            return 1;
        }
    }

    private static int check(Path patch, String prefix, ApplicationClasses app, SignatureVerifier verifier,
            boolean signatureChecked, PrintStream out, PrintStream err) throws java.io.IOException {
        if (!Files.isRegularFile(patch)) {
            err.println(prefix + "selfheal check-patch: no file " + patch);
            return 1;
        }
        OfflinePatchCheck.Result r = OfflinePatchCheck.check(patch, app, verifier,
                new PatchJar.Limits(HotPatchConfig.DEFAULT_MAX_JAR_MB, HotPatchConfig.DEFAULT_MAX_JAR_ENTRIES));
        String name = r.id() == null ? patch.getFileName().toString() : r.id();
        if (!r.passed()) {
            for (String problem : r.problems()) {
                out.println(prefix + "rejected: " + problem);
            }
            err.println(prefix + "patch " + name + " would be rejected (" + r.problems().size() + " problem"
                    + (r.problems().size() == 1 ? ")" : "s)"));
            return 1;
        }
        for (String line : r.classes()) {
            out.println(prefix + line);
        }
        out.println(prefix + "patch " + name + " passes every check against " + app
                + (signatureChecked ? "; signed whole by a trusted certificate" : " (signature not checked: no --truststore)"));
        return 0;
    }
}
