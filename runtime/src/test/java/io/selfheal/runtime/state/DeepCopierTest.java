package io.selfheal.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        static int clones;
        int[] sizes = {1};

        @Override
        public Shape clone() {
            clones++;
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
    void objectsAreCopiedFieldByFieldAndTheirCloneIsNeverCalled() {
        Plain p = new Plain();
        p.value = 7;
        Plain pc = (Plain) DeepCopier.copy(p);
        assertNotSame(p, pc);
        assertEquals(7, pc.value);

        Shape s = new Shape();
        Shape c = (Shape) DeepCopier.copy(s);
        assertNotSame(s, c);
        assertNotSame(s.sizes, c.sizes, "copied field by field, all the way down, not by its own shallow clone()");
        assertEquals(0, Shape.clones, "the application's clone() never runs unless restore.clone names the type");
    }

    @Test
    void aTypeNamedForCloningIsCopiedByItsOwnClone() {
        DeepCopier copier = new DeepCopier(List.of(Shape.class.getName()), DeepCopier.Listener.NONE);
        Shape s = new Shape();
        Shape c = (Shape) copier.deepCopy(s);
        assertNotSame(s, c);
        assertSame(s.sizes, c.sizes, "its own (shallow) clone() made the copy");
        assertEquals(1, Shape.clones);
        Shape.clones = 0;
    }

    @Test
    void aBitSetIsCopiedWithoutTouchingTheOriginal() {
        java.util.BitSet bits = new java.util.BitSet();
        assertEquals(64, bits.size());
        java.util.BitSet copy = (java.util.BitSet) DeepCopier.copy(bits);
        assertEquals(64, bits.size(), "BitSet.clone() would have trimmed the original to 0 words");
        assertEquals(64, copy.size());
        bits.set(3);
        assertEquals(false, copy.get(3));
    }

    @Test
    void hashMapsKeepTheirKeysAndFindThemByIdentityHash() {
        Object key = new Object();   // identity hash: a copied key would not be found
        HashMap<Object, List<String>> m = new HashMap<>();
        m.put(key, new ArrayList<>(List.of("v")));
        @SuppressWarnings("unchecked")
        Map<Object, List<String>> copy = (Map<Object, List<String>>) DeepCopier.copy(m);
        m.get(key).add("w");
        assertEquals(List.of("v"), copy.get(key));
        copy.put("new", List.of());
        assertEquals(1, m.size(), "the copy is a map of its own");
    }

    @Test
    void typesThatHoldThreadsOrLocksAreKeptByReferenceAndSaidSo() {
        List<String> told = new ArrayList<>();
        DeepCopier copier = new DeepCopier(List.of(), (type, reason) -> told.add(type.getName() + ": " + reason));
        java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        Object[] holder = {lock, Thread.currentThread()};
        Object[] copy = (Object[]) copier.deepCopy(holder);
        assertSame(lock, copy[0]);
        assertSame(Thread.currentThread(), copy[1]);
        assertEquals(2, told.size(), told.toString());
        copier.deepCopy(new Object[] {new java.util.concurrent.locks.ReentrantLock()});
        assertEquals(2, told.size(), "each type is told once");
    }

    @Test
    void aSnapshotLargerThanItsBudgetIsGivenUpWhole() {
        int[] told = {0};
        DeepCopier copier = new DeepCopier(List.of(), 3, new DeepCopier.Listener() {
            @Override
            public void keptByReference(Class<?> type, String reason) {
            }

            @Override
            public void budgetReached(int maxObjects) {
                told[0] += maxObjects;
            }
        });
        List<int[]> rows = new ArrayList<>(List.of(new int[] {1}, new int[] {2}, new int[] {3}));
        assertThrows(DeepCopier.TooLarge.class, () -> copier.deepCopy(rows), "never a partial copy");
        assertEquals(3, told[0], "told once, with the budget");
        assertThrows(DeepCopier.TooLarge.class, () -> copier.deepCopy(rows));
        assertEquals(3, told[0], "told once");
        assertEquals(List.of(1), ((List<?>) copier.deepCopy(new ArrayList<>(List.of(1)))), "a small one is copied");
    }

    @Test
    void aLongChainCopiesWithoutOverflowingTheStack() {
        LinkedList<Integer> chain = new LinkedList<>();
        for (int i = 0; i < 300_000; i++) {
            chain.add(i);
        }
        @SuppressWarnings("unchecked")
        LinkedList<Integer> copy = (LinkedList<Integer>) DeepCopier.copy(chain);
        chain.removeFirst();
        assertEquals(300_000, copy.size());
        assertEquals(299_999, copy.getLast());
    }

    @Test
    void viewsAndImmutableCollectionsAreCopiedToo() {
        int[] a = {1};
        List<int[]> view = Arrays.asList(a, a);
        @SuppressWarnings("unchecked")
        List<int[]> copy = (List<int[]>) DeepCopier.copy(view);
        a[0] = 2;
        assertEquals(1, copy.get(0)[0]);
        assertSame(copy.get(0), copy.get(1), "a shared element stays shared in the copy");
        List<String> sync = Collections.synchronizedList(new ArrayList<>(List.of("x")));
        assertEquals(List.of("x"), DeepCopier.copy(sync));
        assertEquals(List.of("a"), DeepCopier.copy(List.of("a")));
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
