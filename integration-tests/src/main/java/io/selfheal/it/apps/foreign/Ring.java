package io.selfheal.it.apps.foreign;

/** Two of these point at each other; every method, {@code clone()} included, is woven with restore. */
public final class Ring implements Cloneable {
    public static int clones;
    private final String name;
    private Ring next;
    private int touches;

    public Ring(String name) {
        this.name = name;
    }

    public void link(Ring other) {
        this.next = other;
    }

    public int touch() {
        touches++;
        return touches + next.touches;
    }

    @Override
    public Ring clone() {
        clones++;
        try {
            Ring r = (Ring) super.clone();
            r.next = next == null ? null : next.clone();   // deep, and recursive through the ring
            return r;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
