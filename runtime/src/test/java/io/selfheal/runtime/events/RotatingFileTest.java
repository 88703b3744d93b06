package io.selfheal.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {
    @TempDir
    Path dir;

    /** A 10-byte line: "line-NNNN\n". */
    private static byte[] line(int n) {
        return String.format("line-%04d%n", n).replace(System.lineSeparator(), "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes as the events writer does: rotate first when the line would overflow. */
    private static void writeLine(RotatingFile f, byte[] line) throws IOException {
        if (f.wouldOverflow(line.length)) {
            f.rotate();
        }
        f.write(line);
    }

    private List<String> lines(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name));
    }

    @Test
    void aFileRotatesBeforeALineWouldTakeItPastMaxSizeAndNoLineIsSplit() throws IOException {
        File file = dir.resolve("events.jsonl").toFile();
        try (RotatingFile f = new RotatingFile(file, 35, 3)) {
            for (int i = 1; i <= 7; i++) {
                writeLine(f, line(i));
            }
        }
        // 35 bytes hold three 10-byte lines; the fourth would make 40.
        assertEquals(List.of("line-0001", "line-0002", "line-0003"), lines("events.jsonl.2"));
        assertEquals(List.of("line-0004", "line-0005", "line-0006"), lines("events.jsonl.1"));
        assertEquals(List.of("line-0007"), lines("events.jsonl"));
        assertFalse(Files.exists(dir.resolve("events.jsonl.3")));
    }

    @Test
    void aFileExactlyAtMaxSizeIsNotRotatedUntilTheNextLine() throws IOException {
        File file = dir.resolve("e.jsonl").toFile();
        try (RotatingFile f = new RotatingFile(file, 30, 1)) {
            for (int i = 1; i <= 3; i++) {
                writeLine(f, line(i));
            }
            f.flush();
            assertEquals(30, Files.size(dir.resolve("e.jsonl")), "max-size is a limit the file may reach");
            assertFalse(Files.exists(dir.resolve("e.jsonl.1")));
            writeLine(f, line(4));
        }
        assertEquals(List.of("line-0004"), lines("e.jsonl"));
        assertEquals(3, lines("e.jsonl.1").size());
    }

    @Test
    void onlyKeepRotatedFilesStayAndTheyAreNewestFirst() throws IOException {
        File file = dir.resolve("events.jsonl").toFile();
        try (RotatingFile f = new RotatingFile(file, 20, 2)) {
            for (int i = 1; i <= 100; i++) {
                writeLine(f, line(i));
            }
        }
        assertEquals(List.of("line-0099", "line-0100"), lines("events.jsonl"));
        assertEquals(List.of("line-0097", "line-0098"), lines("events.jsonl.1"));
        assertEquals(List.of("line-0095", "line-0096"), lines("events.jsonl.2"));
        assertFalse(Files.exists(dir.resolve("events.jsonl.3")));
        try (var listing = Files.list(dir)) {
            assertEquals(3, listing.count());
        }
    }

    @Test
    void aLineLongerThanMaxSizeGetsAFileOfItsOwn() throws IOException {
        File file = dir.resolve("e.jsonl").toFile();
        byte[] longLine = ("x".repeat(99) + "\n").getBytes(StandardCharsets.UTF_8);
        try (RotatingFile f = new RotatingFile(file, 25, 3)) {
            writeLine(f, line(1));
            writeLine(f, longLine);
            writeLine(f, line(2));
        }
        assertEquals(List.of("line-0001"), lines("e.jsonl.2"));
        assertEquals(List.of("x".repeat(99)), lines("e.jsonl.1"));
        assertEquals(List.of("line-0002"), lines("e.jsonl"));
    }

    @Test
    void anExistingFileIsAppendedToAndCountsTowardsMaxSize() throws IOException {
        Path path = dir.resolve("e.jsonl");
        Files.writeString(path, "old-00001\nold-00002\n");
        try (RotatingFile f = new RotatingFile(path.toFile(), 30, 3)) {
            writeLine(f, line(1));
            writeLine(f, line(2));
        }
        assertEquals(List.of("old-00001", "old-00002", "line-0001"), lines("e.jsonl.1"));
        assertEquals(List.of("line-0002"), lines("e.jsonl"));
    }

    @Test
    void aFileAnEarlierRunLeftFullRotatesBeforeTheFirstLine() throws IOException {
        Path path = dir.resolve("e.jsonl");
        Files.writeString(path, "old-00001\nold-00002\nold-00003\n");
        try (RotatingFile f = new RotatingFile(path.toFile(), 30, 3)) {
            writeLine(f, line(1));
        }
        assertEquals(3, lines("e.jsonl.1").size());
        assertEquals(List.of("line-0001"), lines("e.jsonl"));
    }

    @Test
    void keepZeroStartsTheFileAgainAndKeepsNothing() throws IOException {
        File file = dir.resolve("e.jsonl").toFile();
        try (RotatingFile f = new RotatingFile(file, 20, 0)) {
            for (int i = 1; i <= 5; i++) {
                writeLine(f, line(i));
            }
        }
        assertEquals(List.of("line-0005"), lines("e.jsonl"));
        assertFalse(Files.exists(dir.resolve("e.jsonl.1")));
    }

    @Test
    void rotatedFilesBeyondKeepLeftByAnEarlierRunAreDeleted() throws IOException {
        for (int i = 1; i <= 5; i++) {
            Files.writeString(dir.resolve("e.jsonl." + i), "stale\n");
        }
        try (RotatingFile f = new RotatingFile(dir.resolve("e.jsonl").toFile(), 15, 2)) {
            writeLine(f, line(1));
            writeLine(f, line(2));
        }
        assertEquals(List.of("line-0001"), lines("e.jsonl.1"));
        assertEquals(List.of("stale"), lines("e.jsonl.2"));
        for (int i = 3; i <= 5; i++) {
            assertFalse(Files.exists(dir.resolve("e.jsonl." + i)), "e.jsonl." + i);
        }
    }

    @Test
    void aFailedRotationKeepsWritingTheCurrentFileAndTriesAgainOnlyAfterAnotherMaxSize() throws IOException {
        // A non-empty directory where the oldest rotated file goes cannot be deleted, even by root.
        Path blocker = dir.resolve("e.jsonl.2");
        Files.createDirectories(blocker.resolve("inside"));
        File file = dir.resolve("e.jsonl").toFile();
        List<IOException> failures = new ArrayList<>();
        try (RotatingFile f = new RotatingFile(file, 30, 2)) {
            for (int i = 1; i <= 8; i++) {
                byte[] line = line(i);
                if (f.wouldOverflow(line.length)) {
                    failures.add(assertThrows(IOException.class, f::rotate));
                }
                f.write(line);
            }
            // Failed at line 4 (30 + 10 > 30); next try at 30 + 30 = 60 bytes: line 7 (60 + 10).
            assertEquals(2, failures.size(), failures.toString());
            assertTrue(failures.get(0).getMessage().contains("cannot delete " + blocker), failures.get(0).getMessage());
            f.flush();
            assertEquals(8, lines("e.jsonl").size(), "every line is in the current file");

            Files.delete(blocker.resolve("inside"));
            Files.delete(blocker);
            for (int i = 9; i <= 11; i++) {
                writeLine(f, line(i));
            }
        }
        // Fixed, the next try (at 90 bytes) works.
        assertEquals(9, lines("e.jsonl.1").size(), "the next due rotation works once the directory is fixed");
        assertEquals("line-0001", lines("e.jsonl.1").get(0));
        assertEquals(List.of("line-0010", "line-0011"), lines("e.jsonl"));
    }
}
