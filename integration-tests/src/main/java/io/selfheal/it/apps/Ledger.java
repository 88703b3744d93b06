package io.selfheal.it.apps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fields of every kind the deep copy treats differently: for deep vs shallow. */
public class Ledger {
    /** A plain mutable object: not a collection, not Cloneable. */
    public static final class Box {
        int value;

        Box(int value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return "Box" + value;
        }
    }

    /** A Cloneable object: deep copies call its clone(). */
    public static final class Point implements Cloneable {
        int x;

        Point(int x) {
            this.x = x;
        }

        @Override
        public Point clone() {
            try {
                return (Point) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public String toString() {
            return "Point" + x;
        }
    }

    List<List<String>> pages = new ArrayList<>(List.of(new ArrayList<>(List.of("p1"))));
    final Map<String, int[]> balances = new HashMap<>(Map.of("ann", new int[] {10}));
    Box box = new Box(1);
    Point point = new Point(1);
    List<String> replaced = new ArrayList<>(List.of("original"));

    /** Changes everything in place, reassigns one field, then fails. */
    public void scribble() {
        pages.get(0).add("p2");
        pages.add(new ArrayList<>(List.of("new page")));
        balances.get("ann")[0] = 99;
        balances.put("bob", new int[] {5});
        box.value = 2;
        point.x = 2;
        replaced = new ArrayList<>(List.of("replacement"));
        throw new IllegalStateException("scribbled");
    }

    public Map<String, int[]> balancesIdentity() {
        return balances;
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("pages=").append(pages).append(" balances={");
        new java.util.TreeMap<>(balances).forEach((k, v) -> b.append(k).append('=').append(v[0]).append(';'));
        return b.append("} box=").append(box).append(" point=").append(point).append(" replaced=").append(replaced)
                .toString();
    }
}
