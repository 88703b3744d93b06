package io.selfheal.it.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 3: the JDK's {@code jdeps} over the built classes of the runtime, the agent and
 * the gateway finds no cycle among the project's packages. A cycle is named package by package.
 */
class PackageCyclesTest {
    private static final String[] MODULES = {"bootstrap", "runtime", "agent"};

    @Test
    void theProjectsPackagesDependOnEachOtherWithoutACycle() {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.size() > 10, "jdeps saw the packages: " + graph.keySet());
        assertTrue(graph.getOrDefault("io.selfheal.runtime.engine", Set.of()).contains("io.selfheal.runtime.config"),
                "jdeps reports edges: " + graph);
        List<List<String>> cycles = cycles(graph);
        assertEquals(List.of(), cycles, "package cycles (each a strongly connected group of packages)");
    }

    /** Package -> the project packages it uses, from {@code jdeps -verbose:package}. */
    static Map<String, Set<String>> packageGraph() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none"));
        for (String m : MODULES) {
            Path classes = Paths.get("..", m, "target", "classes").toAbsolutePath().normalize();
            assertTrue(Files.isDirectory(classes), "built classes of " + m + ": " + classes);
            args.add(classes.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(new String[0]));
        assertEquals(0, code, "jdeps failed: " + err);
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length >= 3 && p[1].equals("->") && p[0].startsWith("io.selfheal.") && p[2].startsWith("io.selfheal.")
                    && !p[2].startsWith("io.selfheal.shaded.")) {
                graph.computeIfAbsent(p[0], k -> new TreeSet<>());
                if (!p[0].equals(p[2])) {
                    graph.get(p[0]).add(p[2]);
                }
            }
        }
        return graph;
    }

    /** The strongly connected groups of more than one package (Tarjan's algorithm). */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        int[] next = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, found, next);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> found, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]);
        next[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> group = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                group.sort(null);
                found.add(group);
            }
        }
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(List.of(List.of("a", "b", "c")), cycles(g));
    }
}
