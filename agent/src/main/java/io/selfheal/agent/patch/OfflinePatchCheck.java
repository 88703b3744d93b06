package io.selfheal.agent.patch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check-patch}: the checks the running agent makes before it applies a patch, made against
 * the application's class files instead of a running JVM. The jar is read by the same
 * {@link PatchJar#read} (limits, zip, signature and trust store, class file headers), and each
 * class is compared with the application's by the same {@link RedefinitionChecker}; the reasons
 * are worded by {@link PatchCheck}, so they read as the agent's.
 *
 * <p>What only a running JVM knows is not checked here: whether a class is loaded yet (a class
 * the application has is taken as the one it will load), and the Java version of the JVM that
 * will run the patch (this JVM's version stands in for it).
 */
public final class OfflinePatchCheck {

    /** The verdict: the patch id (when the jar could be read), one line per class, or the problems. */
    public record Result(String id, List<String> classes, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private OfflinePatchCheck() {
    }

    public static Result check(Path jar, ApplicationClasses app, SignatureVerifier verifier, PatchJar.Limits limits)
            throws IOException {
        PatchJar patch;
        try {
            patch = PatchJar.read(jar.toAbsolutePath().normalize(), verifier, limits);
        } catch (PatchRejectedException e) {
            return new Result(null, List.of(), List.of(e.getMessage()));
        }
        List<String> summaries = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (var e : patch.classes().entrySet()) {
            String name = e.getKey().replace('/', '.');
            byte[] current = app.classFile(e.getKey());
            if (current == null) {
                absent.add(name);
                continue;
            }
            int before = differences.size();
            PatchCheck.addDifferences(differences, current, e.getValue());
            if (differences.size() == before) {
                summaries.add(PatchCheck.summary(name, current, e.getValue()));
            }
        }
        List<String> problems = new ArrayList<>();
        if (!absent.isEmpty()) {
            problems.add((absent.size() == 1 ? "class " : "classes ") + String.join(", ", absent)
                    + (absent.size() == 1 ? " is" : " are") + " not in " + app
                    + " (a patch replaces classes the application has)");
        }
        if (!differences.isEmpty()) {
            problems.add(PatchCheck.notRedefinable(differences));
        }
        return new Result(patch.id(), summaries, problems);
    }
}
