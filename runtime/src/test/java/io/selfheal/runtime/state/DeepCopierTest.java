package io.selfheal.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeepCopierTest {

    static final class Plain {
        int value;
    }

    static final class Shape implements Cloneable {
        int[] sizes = {1};

        @Override
        public Shape clone() {
            try {
                return (Shape) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void immutableValuesAreShared() {
        String s = "x";
        Integer i = 1000;
        assertSame(s, DeepCopier.copy(s));
        assertSame(i, DeepCopier.copy(i));
        assertSame(Thread.State.NEW, DeepCopier.copy(Thread.State.NEW));
        assertSame(java.time.Instant.EPOCH, DeepCopier.copy(java.time.Instant.EPOCH));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedListsAndMapValuesAreCopiedAllTheWayDown() {
        List<List<String>> nested = new ArrayList<>(List.of(new ArrayList<>(List.of("a"))));
        List<List<String>> copy = (List<List<String>>) DeepCopier.copy(nested);
        nested.get(0).add("b");
        nested.add(new ArrayList<>());
        assertEquals(List.of(List.of("a")), copy);
        assertEquals(ArrayList.class, copy.getClass());

        Map<String, int[]> map = new HashMap<>(Map.of("k", new int[] {1}));
        Map<String, int[]> mcopy = (Map<String, int[]>) DeepCopier.copy(map);
        map.get("k")[0] = 2;
        assertEquals(1, mcopy.get("k")[0]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void copiesKeepTheCollectionClassAndItsComparator() {
        TreeSet<String> reversed = new TreeSet<>(Comparator.reverseOrder());
        reversed.addAll(List.of("a", "c", "b"));
        TreeSet<String> copy = (TreeSet<String>) DeepCopier.copy(reversed);
        assertEquals(List.of("c", "b", "a"), new ArrayList<>(copy));

        ConcurrentHashMap<String, List<String>> chm = new ConcurrentHashMap<>(Map.of("k", new ArrayList<>(List.of("v"))));
        ConcurrentHashMap<String, List<String>> ccopy = (ConcurrentHashMap<String, List<String>>) DeepCopier.copy(chm);
        chm.get("k").add("w");
        assertEquals(List.of("v"), ccopy.get("k"));

        CopyOnWriteArrayList<List<String>> cow = new CopyOnWriteArrayList<>(List.of(new ArrayList<>(List.of("x"))));
        CopyOnWriteArrayList<List<String>> cowCopy = (CopyOnWriteArrayList<List<String>>) DeepCopier.copy(cow);
        cow.get(0).add("y");
        assertEquals(List.of(List.of("x")), cowCopy);

        LinkedList<int[]> linked = new LinkedList<>(List.of(new int[] {1}));
        LinkedList<int[]> lcopy = (LinkedList<int[]>) DeepCopier.copy(linked);
        linked.get(0)[0] = 9;
        assertEquals(1, lcopy.get(0)[0]);

        ArrayDeque<List<String>> deque = new ArrayDeque<>(List.of(new ArrayList<>(List.of("d"))));
        ArrayDeque<List<String>> dcopy = (ArrayDeque<List<String>>) DeepCopier.copy(deque);
        deque.peek().add("e");
        assertEquals(List.of("d"), dcopy.peek());
    }

    @Test
    void mapKeysAreKeptSoIdentityMapsStayValid() {
        Object key = new Object();
        IdentityHashMap<Object, String> m = new IdentityHashMap<>();
        m.put(key, "v");
        @SuppressWarnings("unchecked")
        Map<Object, String> copy = (Map<Object, String>) DeepCopier.copy(m);
        assertNotSame(m, copy);
        assertEquals("v", copy.get(key));
    }

    @Test
    void otherObjectsAreKeptByReferenceAndCloneablesCloned() {
        Plain p = new Plain();
        assertSame(p, DeepCopier.copy(p));

        Shape s = new Shape();
        Shape c = (Shape) DeepCopier.copy(s);
        assertNotSame(s, c);
        assertSame(s.sizes, c.sizes, "the class's own clone() decides, and Object.clone is shallow");
    }

    @Test
    void uncopiableCollectionsAreKeptByReference() {
        List<String> view = Arrays.asList("a", "b");
        assertSame(view, DeepCopier.copy(view));
        List<String> sync = Collections.synchronizedList(new ArrayList<>());
        assertSame(sync, DeepCopier.copy(sync));
        List<String> immutable = List.of("a");
        assertSame(immutable, DeepCopier.copy(immutable));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sharedReferencesAndCyclesStayShared() {
        List<Object> shared = new ArrayList<>(List.of("s"));
        List<Object> outer = new ArrayList<>();
        outer.add(shared);
        outer.add(shared);
        outer.add(outer);
        List<Object> copy = (List<Object>) DeepCopier.copy(outer);
        assertNotSame(shared, copy.get(0));
        assertSame(copy.get(0), copy.get(1));
        assertSame(copy, copy.get(2));
    }

    @Test
    void arraysAreCopiedElementByElement() {
        int[][] grid = {{1}, {2}};
        int[][] copy = (int[][]) DeepCopier.copy(grid);
        grid[0][0] = 9;
        assertEquals(1, copy[0][0]);
    }
}
