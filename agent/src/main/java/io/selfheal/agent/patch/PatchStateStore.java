package io.selfheal.agent.patch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import io.selfheal.runtime.config.ProbationConfig;
import io.selfheal.runtime.probation.ProbationStart;
import java.util.function.BiConsumer;

/**
 * The applied patches, kept in {@code <state-dir>/hot-patches/}: a copy of each jar
 * ({@code <id>.jar}, so deleting or replacing the original changes nothing) and {@code applied.list},
 * their ids in the order they were applied. Written atomically (temp file, then rename).
 */
public final class PatchStateStore {
    private static final String DIR = "hot-patches";
    private static final String LIST = "applied.list";
    private static final String PROBATION = ".probation";
    private final Path dir;
    private final BiConsumer<String, Throwable> faults;

    public PatchStateStore(Path stateDir, BiConsumer<String, Throwable> faults) {
        this.dir = stateDir.resolve(DIR);
        this.faults = faults;
    }

    /**
     * True when {@code stateDir} records applied patches, which are re-applied at start: a plain
     * file test, so the agent's start-up can tell without reading anything.
     */
    public static boolean hasRecordedPatches(String stateDir) {
        return new java.io.File(new java.io.File(stateDir, DIR), LIST).length() > 0;
    }

    /** The recorded patch jars, oldest first. */
    public synchronized List<Path> recorded() {
        List<Path> out = new ArrayList<>();
        for (String id : ids()) {
            out.add(dir.resolve(id + ".jar"));
        }
        return out;
    }

    /** The id of a recorded jar ({@code <id>.jar}). */
    static String idOf(Path recordedJar) {
        String name = recordedJar.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - ".jar".length()) : name;
    }

    synchronized void record(PatchJar patch) {
        try {
            createDir();
            Files.copy(patch.path(), dir.resolve(patch.id() + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            List<String> ids = ids();
            ids.remove(patch.id());
            ids.add(patch.id());
            write(ids);
        } catch (IOException | RuntimeException e) {
            faults.accept("hot-patch state " + dir, e);
        }
    }

    synchronized void remove(String id) {
        try {
            List<String> ids = ids();
            if (ids.remove(id)) {
                write(ids);
            }
            Files.deleteIfExists(dir.resolve(id + ".jar"));
            Files.deleteIfExists(dir.resolve(id + PROBATION));
        } catch (IOException | RuntimeException e) {
            faults.accept("hot-patch state " + dir, e);
        }
    }

    /** A recorded probation: how it began, and where it stands ({@code on-probation} or {@code kept}, with why). */
    record RecordedProbation(ProbationStart start, String verdict, String message) {
    }

    /**
     * Records a patch's probation, or its verdict: {@code <id>.probation}, read back by
     * {@link #probation} at the next start, so a patch kept stays kept and one still on
     * probation resumes it.
     */
    synchronized void recordProbation(ProbationStart start, String verdict, String message) {
        Properties p = new Properties();
        p.setProperty("spec", start.spec().toYaml());
        p.setProperty("targets", String.join(",", start.targets()));
        p.setProperty("started", Long.toString(start.startMillis()));
        p.setProperty("until", Long.toString(start.untilMillis()));
        p.setProperty("verdict", verdict);
        if (message != null) {
            p.setProperty("message", message);
        }
        start.before().forEach((target, figures) -> figures.forEach((k, v) -> {
            if (v != null) {
                p.setProperty("before." + target + "." + k, v.toString());
            }
        }));
        try {
            createDir();
            Path tmp = dir.resolve(start.patchId() + PROBATION + ".tmp");
            try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "selfheal probation of patch " + start.patchId());
            }
            replace(tmp, dir.resolve(start.patchId() + PROBATION));
        } catch (IOException | RuntimeException e) {
            faults.accept("hot-patch state " + dir, e);
        }
    }

    /** The recorded probation of patch {@code id}, or null when it has none (or it cannot be read: a fault). */
    synchronized RecordedProbation probation(String id) {
        Path file = dir.resolve(id + PROBATION);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (java.io.Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            ProbationConfig spec = ProbationConfig.parse(p.getProperty("spec"), file.toString());
            Map<String, Map<String, Object>> before = new LinkedHashMap<>();
            List<String> targets = List.of(p.getProperty("targets").split(","));
            for (String t : targets) {
                Map<String, Object> figures = new LinkedHashMap<>();
                String prefix = "before." + t + ".";
                for (String k : p.stringPropertyNames()) {
                    if (k.startsWith(prefix)) {
                        figures.put(k.substring(prefix.length()), Double.parseDouble(p.getProperty(k)));
                    }
                }
                before.put(t, figures);
            }
            ProbationStart start = new ProbationStart(id, spec, targets, Long.parseLong(p.getProperty("started")),
                    Long.parseLong(p.getProperty("until")), before);
            return new RecordedProbation(start, p.getProperty("verdict"), p.getProperty("message"));
        } catch (IOException | RuntimeException | io.selfheal.runtime.config.ConfigException e) {
            faults.accept("hot-patch state " + file, e);
            return null;
        }
    }

    private List<String> ids() {
        Path list = dir.resolve(LIST);
        List<String> ids = new ArrayList<>();
        try {
            if (Files.isRegularFile(list)) {
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        ids.add(line.strip());
                    }
                }
            }
        } catch (IOException e) {
            faults.accept("hot-patch state " + list, e);
        }
        return ids;
    }

    private void write(List<String> ids) throws IOException {
        Path tmp = dir.resolve(LIST + ".tmp");
        Files.write(tmp, ids, StandardCharsets.UTF_8);
        replace(tmp, dir.resolve(LIST));
    }

    /** Puts {@code tmp} in the place of {@code target}: atomically where the file system can. */
    private static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The state holds code that will run at the next start: only its owner may write it. */
    private void createDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }
}
