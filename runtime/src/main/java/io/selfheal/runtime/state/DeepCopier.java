package io.selfheal.runtime.state;

import io.selfheal.bootstrap.ReentryGuard;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The copy a {@code depth: deep} snapshot takes of a field's value, by the rules of {@link
 * CopyPlan}: field by field, never through the value's own {@code clone()} or copy constructor,
 * so no application code runs. Cycles and shared references inside one snapshot stay as they were
 * (an identity map). Types named in {@code restore.clone} are the one exception: their own
 * {@code clone()} gives the copy, called under the {@link ReentryGuard}.
 *
 * <p>Two phases, so that no lock of the agent is held while application code runs: {@link
 * #lockedPass()} copies while the caller holds the receiver's lock and leaves the values that
 * need code of their own (opt-in clones, {@code java.util.concurrent} collections) for {@link
 * Pass#finish()}, which the caller runs after releasing the lock.
 */
public final class DeepCopier {

    /** Told once per class when a value is kept by reference although a deep copy was asked for. */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void keptByReference(Class<?> type, String reason) {
            }
        };

        void keptByReference(Class<?> type, String reason);

        /** A snapshot would have copied more than the copier's object budget and was given up; told once. */
        default void budgetReached(int maxObjects) {
        }
    }

    /** No opt-in clones, nobody told: the copier of checkpoints and of tests. */
    public static final DeepCopier PLAIN = new DeepCopier(List.of(), Integer.MAX_VALUE, Listener.NONE);

    private static final Object PENDING = new Object();
    private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

    private final Set<String> cloneTypes;
    private final int maxObjects;
    private volatile boolean budgetTold;
    private final Listener listener;
    private final Set<Class<?>> told = ConcurrentHashMap.newKeySet();
    private final ClassValue<MethodHandle> cloneHandles = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return cloneHandle(type);
        }
    };

    /**
     * @param cloneTypes the classes whose own {@code clone()} makes their copy ({@code restore.clone})
     * @param maxObjects the most objects one pass copies; a larger snapshot is given up whole
     */
    public DeepCopier(Collection<String> cloneTypes, int maxObjects, Listener listener) {
        this.cloneTypes = Set.copyOf(cloneTypes);
        this.maxObjects = maxObjects;
        this.listener = listener;
    }

    public DeepCopier(Collection<String> cloneTypes, Listener listener) {
        this(cloneTypes, Integer.MAX_VALUE, listener);
    }

    /** Initialises the copier's classes ahead of the first snapshot (see the engine's CallPathClasses). */
    public static void prepare() {
        CopyPlan.of(Object[].class);
        CopyPlan.Allocator.forClass(Object.class);
    }

    /** A deep copy of {@code value} with {@link #PLAIN}. */
    public static Object copy(Object value) {
        return PLAIN.deepCopy(value);
    }

    /** A deep copy of {@code value}, in one pass; for values no other thread changes (a snapshot). */
    public Object deepCopy(Object value) {
        if (value == null) {
            return null;
        }
        CopyPlan plan = CopyPlan.of(value.getClass());
        if (plan.kind == CopyPlan.Kind.SHARED && !cloned(value.getClass())) {
            return value;
        }
        Pass pass = new Pass(false);
        Object[] slot = new Object[1];
        pass.copyInto(slot, 0, value);
        return slot[0];
    }

    /** A pass to run under the receiver's lock; call {@link Pass#finish()} after releasing it. */
    public Pass lockedPass() {
        return new Pass(true);
    }

    private boolean cloned(Class<?> type) {
        return !cloneTypes.isEmpty() && cloneTypes.contains(type.getName());
    }

    private void tell(Class<?> type, String reason) {
        if (told.add(type)) {
            try {
                listener.keptByReference(type, reason);
            } catch (RuntimeException ignored) {
                // telling is a courtesy; the copy goes on
            }
        }
    }

    /**
     * One copy of an object graph. Slots are where a copy goes: an element of an array, a field of
     * an object, or the value of an {@code AtomicReference}; a value left for {@link #finish} is
     * put in its slot by reference until then.
     *
     * <p>Iterative, not recursive: an object is allocated when first met and its contents filled
     * from a work list, so a chain of a hundred thousand linked nodes copies in constant stack
     * (a recursive copy overflowed the application's stack on a long linked map).
     */
    public final class Pass {
        private final IdentityHashMap<Object, Object> seen = new IdentityHashMap<>();
        /** Copies allocated whose contents are still to fill: {original, copy} pairs. */
        private final ArrayDeque<Object[]> toFill = new ArrayDeque<>();
        /** True until {@link #finish}: values that need code of their own wait for it. */
        private boolean deferring;
        private List<Object[]> pending;
        /** Objects this pass may still copy before it gives up ({@link TooLarge}). */
        private int budget = maxObjects;

        private Pass(boolean deferring) {
            this.deferring = deferring;
        }

        /** Copies {@code value} into {@code dest[index]}. */
        public void copyInto(Object[] dest, int index, Object value) {
            dest[index] = copy(value, dest, index);
            fillAll();
        }

        /** From here on, values that need code of their own wait for {@link #finish} again. */
        public void deferFromNow() {
            deferring = true;
        }

        /**
         * Copies {@code source}'s contents into {@code target}, an object of the same class that
         * cannot be replaced (a final field's): field by field, or element by element for an array,
         * with references to {@code source} inside it becoming references to {@code target} (a
         * map's views, say).
         *
         * @return false when the class is not copied field by field or element by element (nothing changed)
         */
        public boolean copyContentsInto(Object source, Object target) {
            if (source == null || target == null || source == target || source.getClass() != target.getClass()) {
                return false;
            }
            CopyPlan plan = CopyPlan.of(source.getClass());
            if (plan.kind == CopyPlan.Kind.PRIMITIVE_ARRAY) {
                int n = Array.getLength(source);
                if (n != Array.getLength(target)) {
                    return false;
                }
                System.arraycopy(source, 0, target, 0, n);
                return true;
            }
            if (plan.kind == CopyPlan.Kind.OBJECT_ARRAY && Array.getLength(source) != Array.getLength(target)
                    || plan.kind != CopyPlan.Kind.OBJECT_ARRAY && plan.kind != CopyPlan.Kind.FIELDS) {
                return false;
            }
            seen.put(source, target);
            if (plan.keysByReference) {
                keepKeys(source);
            }
            fill(source, target, plan);
            fillAll();
            return true;
        }

        /** Copies what was left for after the lock (application code runs here, under the guard). */
        public void finish() {
            deferring = false;
            List<Object[]> todo = pending;
            pending = null;
            if (todo == null) {
                return;
            }
            for (Object[] p : todo) {
                Object original = p[0];
                Object copy = seen.get(original);
                if (copy == PENDING || copy == null) {
                    copy = allocate(original, CopyPlan.of(original.getClass()));
                }
                put(p[1], p[2], copy);
            }
            fillAll();
        }

        /** The copy that goes into a slot: shared, kept, already made, left for later, or made now. */
        private Object copy(Object value, Object holder, Object slot) {
            if (value == null) {
                return null;
            }
            Class<?> type = value.getClass();
            boolean clone = cloned(type);
            CopyPlan plan = CopyPlan.of(type);
            if (!clone && plan.kind == CopyPlan.Kind.SHARED) {
                return value;
            }
            if (!clone && plan.kind == CopyPlan.Kind.BY_REFERENCE) {
                tell(type, plan.reason);
                return value;
            }
            Object done = seen.get(value);
            if (done != null && done != PENDING) {
                return done;
            }
            if (done == null && --budget < 0) {
                throw overBudget();
            }
            boolean needsCode = clone || plan.kind == CopyPlan.Kind.BY_API;
            if (needsCode && deferring) {
                seen.put(value, PENDING);
                if (pending == null) {
                    pending = new ArrayList<>();
                }
                pending.add(new Object[] {value, holder, slot});
                return value;
            }
            return allocate(value, plan);
        }

        /** The snapshot is given up whole: a partial copy put back would mix two states. */
        private TooLarge overBudget() {
            if (!budgetTold) {
                budgetTold = true;
                try {
                    listener.budgetReached(maxObjects);
                } catch (RuntimeException ignored) {
                    // telling is a courtesy
                }
            }
            return TooLarge.INSTANCE;
        }

        /** A new object for {@code value}, remembered; its contents are filled from the work list. */
        private Object allocate(Object value, CopyPlan plan) {
            if (cloned(value.getClass())) {
                Object c = callClone(value);
                seen.put(value, c);
                return c;
            }
            try {
                Object c;
                switch (plan.kind) {
                    case PRIMITIVE_ARRAY: {
                        int n = Array.getLength(value);
                        c = Array.newInstance(value.getClass().getComponentType(), n);
                        System.arraycopy(value, 0, c, 0, n);
                        seen.put(value, c);
                        return c;
                    }
                    case OBJECT_ARRAY: {
                        int n = Array.getLength(value);
                        budget -= n;   // each element is looked at, copied or not
                        if (budget < 0) {
                            throw overBudget();
                        }
                        c = Array.newInstance(value.getClass().getComponentType(), n);
                        break;
                    }
                    case FIELDS:
                        c = plan.allocator.newInstance();
                        break;
                    case ATOMIC:
                        c = newAtomic(value);
                        break;
                    case BY_API:
                        c = newLike(value);
                        break;
                    default:
                        return value;
                }
                seen.put(value, c);
                if (plan.keysByReference) {
                    keepKeys(value);
                }
                if (!(value instanceof AtomicInteger || value instanceof AtomicLong || value instanceof AtomicBoolean)) {
                    toFill.add(new Object[] {value, c});
                }
                return c;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot copy a " + value.getClass().getName() + ": " + e, e);
            }
        }

        private void fillAll() {
            Object[] next;
            while ((next = toFill.poll()) != null) {
                fill(next[0], next[1], CopyPlan.of(next[0].getClass()));
            }
        }

        /** Fills {@code copy} with copies of what {@code original} holds. */
        private void fill(Object original, Object copy, CopyPlan plan) {
            try {
                switch (plan.kind) {
                    case OBJECT_ARRAY: {
                        Object[] from = (Object[]) original;
                        Object[] to = (Object[]) copy;
                        for (int i = 0; i < from.length; i++) {
                            to[i] = copy(from[i], to, i);
                        }
                        return;
                    }
                    case FIELDS:
                        for (Field f : plan.fields) {
                            if (f.getType().isPrimitive()) {
                                copyPrimitive(f, original, copy);
                            } else {
                                f.set(copy, copy(f.get(original), copy, f));
                            }
                        }
                        return;
                    case ATOMIC:
                        @SuppressWarnings("unchecked")
                        AtomicReference<Object> ref = (AtomicReference<Object>) copy;
                        ref.set(copy(((AtomicReference<?>) original).get(), ref, ATOMIC_VALUE));
                        return;
                    case BY_API:
                        fillByApi(original, copy);
                        return;
                    default:
                        return;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot copy a " + original.getClass().getName() + ": " + e, e);
            }
        }

        /** A JDK map's keys, a set's or a priority queue's elements stay themselves in the copy. */
        private void keepKeys(Object container) {
            Collection<?> keys = container instanceof Map<?, ?> m ? m.keySet() : (Collection<?>) container;
            for (Object k : keys) {
                if (k != null) {
                    seen.putIfAbsent(k, k);
                }
            }
        }

        /** Inserts through the collection's own API: its keys' hashCode/compareTo are application code. */
        @SuppressWarnings("unchecked")
        private void fillByApi(Object original, Object copy) {
            boolean began = ReentryGuard.begin();
            try {
                if (original instanceof Map<?, ?> m) {
                    Map<Object, Object> c = (Map<Object, Object>) copy;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Object v = e.getValue();
                        c.put(e.getKey(), v == null ? null : copy(v, c, null));
                    }
                    return;
                }
                Collection<Object> c = (Collection<Object>) copy;
                boolean ordered = original instanceof Set || original instanceof PriorityBlockingQueue
                        || original instanceof java.util.concurrent.DelayQueue;
                for (Object e : (Collection<Object>) original) {
                    c.add(ordered ? e : copy(e, c, null));   // elements an order depends on are keys
                }
            } finally {
                ReentryGuard.end(began);
            }
        }

        @SuppressWarnings("unchecked")
        private void put(Object holder, Object slot, Object copy) {
            try {
                if (holder instanceof Object[] array) {
                    array[(Integer) slot] = copy;
                } else if (slot == ATOMIC_VALUE) {
                    ((AtomicReference<Object>) holder).set(copy);
                } else if (slot instanceof Field f) {
                    f.set(holder, copy);
                }
            } catch (IllegalAccessException | ClassCastException e) {
                throw new IllegalStateException("cannot place the copy of a " + copy.getClass().getName(), e);
            }
        }
    }

    private static Object newAtomic(Object value) {
        if (value instanceof AtomicInteger a) {
            return new AtomicInteger(a.get());
        }
        if (value instanceof AtomicLong a) {
            return new AtomicLong(a.get());
        }
        if (value instanceof AtomicBoolean a) {
            return new AtomicBoolean(a.get());
        }
        return new AtomicReference<>();
    }

    private static final Object ATOMIC_VALUE = new Object();

    /**
     * Thrown when a pass would copy more than the copier's {@code max-objects}: the whole snapshot is
     * given up (the call runs without one), never a partial copy that a restore would mix with the
     * live state. Shared and without a stack trace: it is control flow, not a fault.
     */
    public static final class TooLarge extends RuntimeException {
        private static final TooLarge INSTANCE = new TooLarge();

        private TooLarge() {
            super("the snapshot would copy more than restore.max-objects objects", null, false, false);
        }
    }

    private static void copyPrimitive(Field f, Object from, Object to) throws IllegalAccessException {
        Class<?> t = f.getType();
        if (t == int.class) {
            f.setInt(to, f.getInt(from));
        } else if (t == long.class) {
            f.setLong(to, f.getLong(from));
        } else if (t == boolean.class) {
            f.setBoolean(to, f.getBoolean(from));
        } else if (t == double.class) {
            f.setDouble(to, f.getDouble(from));
        } else if (t == float.class) {
            f.setFloat(to, f.getFloat(from));
        } else if (t == byte.class) {
            f.setByte(to, f.getByte(from));
        } else if (t == short.class) {
            f.setShort(to, f.getShort(from));
        } else {
            f.setChar(to, f.getChar(from));
        }
    }

    /** An empty concurrent collection or map of the same class, keeping a comparator or a capacity. */
    private static Object newLike(Object value) throws ReflectiveOperationException {
        Class<?> type = value.getClass();
        Comparator<?> order = value instanceof SortedMap<?, ?> s ? s.comparator()
                : value instanceof SortedSet<?> s ? s.comparator()
                : value instanceof java.util.PriorityQueue<?> q ? q.comparator()
                : value instanceof java.util.concurrent.PriorityBlockingQueue<?> q ? q.comparator() : null;
        if (order != null) {
            return type.getConstructor(Comparator.class).newInstance(order);
        }
        if (value instanceof BlockingQueue<?> q && q.remainingCapacity() != Integer.MAX_VALUE) {
            Constructor<?> bounded = type.getConstructor(int.class);
            return bounded.newInstance(Math.max(1, q.size() + q.remainingCapacity()));
        }
        return type.getConstructor().newInstance();
    }

    /** The opt-in {@code clone()}, under the guard: woven code it reaches runs as unwoven. */
    private Object callClone(Object value) {
        MethodHandle h = cloneHandles.get(value.getClass());
        if (h == null) {
            throw new IllegalStateException(value.getClass().getName() + " is named in restore.clone but has no"
                    + " clone() the agent can call");
        }
        boolean began = ReentryGuard.begin();
        try {
            return h.invokeExact(value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("clone() of " + value.getClass().getName() + " failed", t);
        } finally {
            ReentryGuard.end(began);
        }
    }

    private static MethodHandle cloneHandle(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findVirtual(type, "clone", MethodType.methodType(Object.class)).asType(OBJECT_TO_OBJECT);
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                return MethodHandles.publicLookup().findVirtual(type, "clone", MethodType.methodType(Object.class))
                        .asType(OBJECT_TO_OBJECT);
            } catch (ReflectiveOperationException | RuntimeException e2) {
                return null;
            }
        }
    }
}
