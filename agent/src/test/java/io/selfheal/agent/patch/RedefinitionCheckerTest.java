package io.selfheal.agent.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedefinitionCheckerTest {
    @TempDir
    Path dir;

    private static final String ORIGINAL = """
            package p;
            public class C implements Runnable {
                private int a;
                private String b;
                public void run() { a++; }
                public String name(int x) { return b + x; }
            }""";

    private List<String> diff(String patched) throws IOException {
        return RedefinitionChecker.differences(Javac.compile(dir, "p.C", ORIGINAL), Javac.compile(dir, "p.C", patched));
    }

    @Test
    void aChangedMethodBodyIsAllowed() throws IOException {
        assertEquals(List.of(), diff(ORIGINAL.replace("a++", "a += 2").replace("b + x", "x + b")));
    }

    @Test
    void addedAndRemovedMembersAreNamed() throws IOException {
        assertEquals(List.of("p.C: field 'long c' was added", "p.C: field 'java.lang.String b' was removed",
                "p.C: method 'java.lang.String name(long)' was added", "p.C: method 'java.lang.String name(int)' was removed"),
                diff(ORIGINAL.replace("private String b;", "private long c;").replace("b + x", "\"\" + c + x")
                        .replace("name(int x)", "name(long x)")));
    }

    @Test
    void changedModifiersAreNamed() throws IOException {
        assertEquals(List.of("p.C: class modifiers changed from 'public class' to 'public final class'",
                "p.C: field 'a' modifiers changed from 'private' to 'private volatile'",
                "p.C: method 'void run()' modifiers changed from 'public' to 'public synchronized'"),
                diff(ORIGINAL.replace("public class", "public final class").replace("private int a", "private volatile int a")
                        .replace("public void run", "public synchronized void run")));
    }

    @Test
    void changedSupertypesAreNamed() throws IOException {
        assertEquals(List.of("p.C: superclass changed from java.lang.Object to java.lang.Thread"),
                diff(ORIGINAL.replace("implements Runnable", "extends Thread implements Runnable")));
        assertEquals(List.of("p.C: interfaces changed from [java.lang.Runnable] to [java.lang.Runnable, java.io.Serializable]"),
                diff(ORIGINAL.replace("implements Runnable", "implements Runnable, java.io.Serializable")));
    }

    @Test
    void reorderedFieldsAreRefused() throws IOException {
        assertEquals(List.of("p.C: the order of the fields changed (the JVM lays fields out by declaration order)"),
                diff(ORIGINAL.replace("private int a;\n    private String b;", "private String b;\n    private int a;")));
    }
}
