package io.selfheal.agent.patch;

import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Watches {@code hot-patch.directory} for {@code *.jar} files and applies each one once, writing
 * {@code <jar>.applied} or {@code <jar>.rejected} (with the reason) beside it.
 *
 * <p>A jar is read only when it is whole: its size and modification time must be the same on
 * two polls in a row (a writer still copying changes them), and it must open as a jar; a jar
 * that does not open yet is tried again on the next poll. Writing to a temporary name and
 * renaming to {@code .jar} is the safest way to drop a patch in. A jar that already has an
 * outcome file is left alone; delete the outcome file to have it tried again.
 *
 * <p>Polling (every {@value #POLL_MILLIS} ms, on one daemon thread) rather than a WatchService:
 * it sees the same files on every file system and needs the size check anyway.
 */
public final class PatchDirectoryWatcher {
    static final long POLL_MILLIS = 500;

    private final Path dir;
    private final PatchApplier applier;
    private final BiConsumer<String, Throwable> faults;
    /** Polls after which a stable file that still does not open as a jar is handed over (and rejected). */
    private static final int STABLE_POLLS_BEFORE_GIVING_UP = 4;
    private final Map<Path, String> lastSeen = new HashMap<>();
    private final Map<Path, Integer> stablePolls = new HashMap<>();
    private ScheduledExecutorService poller;

    public PatchDirectoryWatcher(Path dir, PatchApplier applier, BiConsumer<String, Throwable> faults) {
        this.dir = dir.toAbsolutePath().normalize();
        this.applier = applier;
        this.faults = faults;
    }

    /**
     * Why the directory must not be watched, or {@code null} when it is safe: anyone who can
     * write there can run code in this JVM, so it must be writable by its owner only.
     */
    public static String unsafeBecause(Path dir) {
        if (!Files.isDirectory(dir)) {
            return dir + " is not a directory";
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                return dir + " is writable by other users (" + PosixFilePermissions.toString(perms)
                        + "); anyone who can write there could run code in this JVM. Make it writable by its owner only"
                        + " (chmod go-w " + dir + ")";
            }
            return null;
        } catch (UnsupportedOperationException e) {
            return "cannot check who may write to " + dir + " (no POSIX permissions on this file system)";
        } catch (IOException e) {
            return "cannot read the permissions of " + dir + ": " + e.getMessage();
        }
    }

    /** Creates the directory (owner-only) if missing, checks it and starts polling; returns why not, or null. */
    public String start() {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot create " + dir + ": " + e;
        }
        String unsafe = unsafeBecause(dir);
        if (unsafe != null) {
            return unsafe;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "selfheal-patch-watcher");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return null;
    }

    public Path directory() {
        return dir;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (Throwable t) {
            faults.accept("hot-patch directory " + dir, t);
        }
    }

    void poll() throws IOException {
        String unsafe = unsafeBecause(dir);
        if (unsafe != null) {
            faults.accept("hot-patch directory", new SecurityException("stopped watching: " + unsafe));
            poller.shutdown();
            return;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                if (!Files.isRegularFile(jar) || hasOutcome(jar)) {
                    continue;
                }
                String stamp = Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
                if (!stamp.equals(lastSeen.put(jar, stamp))) {
                    stablePolls.remove(jar);
                    continue; // new or still growing: look again on the next poll
                }
                if (!opensAsJar(jar) && stablePolls.merge(jar, 1, Integer::sum) < STABLE_POLLS_BEFORE_GIVING_UP) {
                    continue;
                }
                lastSeen.remove(jar);
                stablePolls.remove(jar);
                PatchOutcome outcome = applier.apply(jar, "directory");
                writeOutcome(jar, outcome);
            }
        }
    }

    private static boolean hasOutcome(Path jar) {
        return Files.exists(outcomeFile(jar, true)) || Files.exists(outcomeFile(jar, false));
    }

    private static Path outcomeFile(Path jar, boolean applied) {
        return jar.resolveSibling(jar.getFileName() + (applied ? ".applied" : ".rejected"));
    }

    private static boolean opensAsJar(Path jar) {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            return z.size() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void writeOutcome(Path jar, PatchOutcome outcome) {
        String text = (outcome.id() == null ? "" : "id: " + outcome.id() + "\n") + "at: " + Instant.now() + "\n"
                + (outcome.done() ? "" : "reason: ") + outcome.message() + "\n";
        try {
            Files.writeString(outcomeFile(jar, outcome.done()), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            faults.accept("hot-patch outcome file for " + jar, e);
        }
    }
}
