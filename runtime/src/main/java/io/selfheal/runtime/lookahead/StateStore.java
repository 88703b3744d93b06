package io.selfheal.runtime.lookahead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Reads and writes {@code <state-dir>/state.json}.
 *
 * <p>A save never leaves a half-written file: the JSON goes to a temporary file in the same
 * directory, is forced to disk, and is renamed over the old file (atomically where the file
 * system can), then the directory entry is forced too. A load never fails: a missing file is an
 * empty state; a file that is not JSON, not ours ({@code format}) or from a newer version is
 * renamed to {@code state.json.corrupt-<time>} (or {@code .foreign-<time>}) with a warning, and
 * the agent starts from an empty state.
 */
public final class StateStore {
    public static final String FILE_NAME = "state.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Path file;
    private final Consumer<String> warnings;
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public StateStore(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.warnings = warnings;
    }

    public Path file() {
        return file;
    }

    /** The saved state, or an empty one (after setting a bad file aside with a warning). */
    public AgentState load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return AgentState.empty();
        } catch (IOException e) {
            warnings.accept("cannot read the state file " + file + " (" + e + "); starting without remembered state");
            return AgentState.empty();
        }
        AgentState state;
        try {
            state = json.readValue(bytes, AgentState.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            setAside("corrupt", "is not a valid state file (" + firstLine(e.getMessage()) + ")");
            return AgentState.empty();
        } catch (IOException e) {
            setAside("corrupt", "cannot be read as JSON (" + e + ")");
            return AgentState.empty();
        }
        if (state == null || !AgentState.FORMAT.equals(state.format())) {
            setAside("foreign", "is not a selfheal state file (no \"format\": \"" + AgentState.FORMAT + "\")");
            return AgentState.empty();
        }
        if (state.version() > AgentState.VERSION) {
            setAside("foreign", "was written by a newer selfheal (state version " + state.version() + ", this one reads "
                    + AgentState.VERSION + ")");
            return AgentState.empty();
        }
        return state;
    }

    /** Writes {@code state} atomically: temp file, fsync, rename, fsync of the directory. */
    public void save(AgentState state) throws IOException {
        Files.createDirectories(dir);
        byte[] bytes = json.writeValueAsBytes(state);
        Path temp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
    }

    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory (Windows); the rename itself is still atomic.
        }
    }

    private void setAside(String kind, String why) {
        Path aside = dir.resolve(FILE_NAME + "." + kind + "-" + STAMP.format(Instant.now()));
        try {
            for (int i = 1; Files.exists(aside); i++) {
                aside = dir.resolve(FILE_NAME + "." + kind + "-" + STAMP.format(Instant.now()) + "-" + i);
            }
            Files.move(file, aside);
            warnings.accept("the state file " + file + " " + why + "; set aside as " + aside.getFileName()
                    + "; starting without remembered state");
        } catch (IOException e) {
            warnings.accept("the state file " + file + " " + why + " and could not be set aside (" + e
                    + "); starting without remembered state; it will be overwritten at the next save");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
