package io.selfheal.runtime.state;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How {@link DeepCopier} copies the values of one class, worked out once per class. The rule that
 * shapes every choice: <b>taking or putting back a snapshot runs no application code</b>. So no
 * {@code clone()} and no copy constructor of the value's class is ever called (the JDK's own
 * {@code BitSet.clone()} trims the original, for one); objects are copied field by field, through
 * reflection, into an instance allocated without running a constructor.
 *
 * <ul>
 *   <li>{@link Kind#SHARED}: immutable values (strings, boxed primitives, enums, {@code Class},
 *       {@code java.time}, {@code BigInteger}/{@code BigDecimal}, {@code UUID}, {@code Locale},
 *       {@code Pattern}, ...), objects without instance fields (a plain {@code new Object()}
 *       lock), lambdas and other hidden classes;
 *   <li>{@link Kind#PRIMITIVE_ARRAY}, {@link Kind#OBJECT_ARRAY}: copied, elements in turn;
 *   <li>{@link Kind#FIELDS}: the application's classes, and the JDK's collections and maps in
 *       {@code java.util} (when the agent opened that package to itself: it does when a target
 *       restores state), field by field. Map keys, set elements and priority-queue elements are
 *       kept by reference: they are identities to their container (an identity-hashed key copied
 *       would no longer be found);
 *   <li>{@link Kind#ATOMIC}: {@code AtomicInteger}/{@code Long}/{@code Boolean}/{@code Reference},
 *       rebuilt through their own (JDK) accessors;
 *   <li>{@link Kind#BY_API}: {@code java.util.concurrent} collections and maps (and the
 *       {@code java.util} ones when that package is not open to the agent), rebuilt through their
 *       own JDK API. Inserting a key calls its {@code hashCode}/{@code compareTo}, so these are
 *       copied outside the agent's receiver lock, under the re-entry guard;
 *   <li>{@link Kind#BY_REFERENCE}: what cannot be copied faithfully without running its code
 *       (threads, locks, streams, references, class loaders, other JDK internals, records, a
 *       class in a module that is not open): kept as it is, and the copier's listener told why.
 * </ul>
 */
final class CopyPlan {

    enum Kind {
        SHARED, BY_REFERENCE, PRIMITIVE_ARRAY, OBJECT_ARRAY, FIELDS, ATOMIC, BY_API
    }

    final Kind kind;
    /** Why a {@link Kind#BY_REFERENCE} value is not copied; {@code null} otherwise. */
    final String reason;
    /** {@link Kind#FIELDS}: every instance field of the class and its superclasses, accessible. */
    final Field[] fields;
    /** {@link Kind#FIELDS}: makes an instance without running any of the class's constructors. */
    final Constructor<?> allocator;
    /** {@link Kind#FIELDS}: a JDK map, set or queue whose keys/elements stay by reference. */
    final boolean keysByReference;

    private CopyPlan(Kind kind, String reason, Field[] fields, Constructor<?> allocator, boolean keysByReference) {
        this.kind = kind;
        this.reason = reason;
        this.fields = fields;
        this.allocator = allocator;
        this.keysByReference = keysByReference;
    }

    static final CopyPlan SHARED = new CopyPlan(Kind.SHARED, null, null, null, false);
    private static final CopyPlan PRIMITIVE_ARRAY = new CopyPlan(Kind.PRIMITIVE_ARRAY, null, null, null, false);
    private static final CopyPlan OBJECT_ARRAY = new CopyPlan(Kind.OBJECT_ARRAY, null, null, null, false);
    private static final CopyPlan ATOMIC = new CopyPlan(Kind.ATOMIC, null, null, null, false);
    private static final CopyPlan BY_API = new CopyPlan(Kind.BY_API, null, null, null, false);

    private static CopyPlan byReference(String reason) {
        return new CopyPlan(Kind.BY_REFERENCE, reason, null, null, false);
    }

    private static final ClassValue<CopyPlan> PLANS = new ClassValue<>() {
        @Override
        protected CopyPlan computeValue(Class<?> type) {
            return planFor(type);
        }
    };

    static CopyPlan of(Class<?> type) {
        return PLANS.get(type);
    }

    private static CopyPlan planFor(Class<?> type) {
        if (type.isArray()) {
            return type.getComponentType().isPrimitive() ? PRIMITIVE_ARRAY : OBJECT_ARRAY;
        }
        if (isImmutable(type) || type.isHidden()) {
            return SHARED;
        }
        String name = type.getName();
        String notCopied = Uncopyable.reason(name);
        if (notCopied != null) {
            return byReference(notCopied);
        }
        if (isJdk(type)) {
            if (type == AtomicInteger.class || type == AtomicLong.class || type == AtomicBoolean.class
                    || type == AtomicReference.class) {
                return ATOMIC;
            }
            if (name.startsWith("java.util.concurrent.") && name.indexOf('.', "java.util.concurrent.".length()) < 0
                    && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))
                    && Modifier.isPublic(type.getModifiers())) {
                return BY_API;
            }
            if (!inPackage(name, "java.util")) {
                return byReference("a JDK class outside java.util (it may hold resources, locks or internals)");
            }
        }
        if (type.isRecord()) {
            return byReference("a record: its fields cannot be set without its constructor");
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (RuntimeException closed) {
                    if (isJdk(type) && Modifier.isPublic(type.getModifiers())
                            && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))) {
                        return BY_API;   // java.util not opened to the agent: its public API still copies it
                    }
                    return byReference("its package " + c.getPackageName() + " is not open to the agent");
                }
                fields.add(f);
            }
        }
        if (fields.isEmpty()) {
            return SHARED;   // nothing to copy; its identity is all it has (a lock object, a marker)
        }
        Constructor<?> allocator = Allocator.forClass(type);
        if (allocator == null) {
            return byReference("no way to allocate it without running its constructor on this JVM");
        }
        boolean keys = isJdk(type) && (Map.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type)
                || PriorityQueue.class.isAssignableFrom(type));
        return new CopyPlan(Kind.FIELDS, null, fields.toArray(new Field[0]), allocator, keys);
    }

    static boolean isJdk(Class<?> type) {
        ClassLoader l = type.getClassLoader();
        if (l != null && l != ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        String n = type.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.");
    }

    private static boolean inPackage(String className, String pkg) {
        return className.startsWith(pkg) && className.length() > pkg.length() && className.charAt(pkg.length()) == '.'
                && className.indexOf('.', pkg.length() + 1) < 0;
    }

    private static boolean isImmutable(Class<?> type) {
        if (type.isPrimitive() || type == String.class || type == Class.class || type.isEnum()
                || Enum.class.isAssignableFrom(type) || type == java.util.UUID.class
                || type == java.math.BigInteger.class || type == java.math.BigDecimal.class
                || type == java.util.Locale.class || type == java.util.regex.Pattern.class
                || type == java.util.Currency.class || type == java.net.URI.class || type == java.net.URL.class
                || java.nio.charset.Charset.class.isAssignableFrom(type)
                || java.nio.file.Path.class.isAssignableFrom(type)
                || java.net.InetAddress.class.isAssignableFrom(type)) {
            return true;
        }
        if (type == Boolean.class || type == Character.class || type == Byte.class || type == Short.class
                || type == Integer.class || type == Long.class || type == Float.class || type == Double.class) {
            return true;
        }
        String n = type.getName();
        return (n.startsWith("java.time.") || n.startsWith("java.lang.invoke.") || n.startsWith("java.lang.reflect."))
                && isJdk(type) && (Modifier.isFinal(type.getModifiers()) || n.startsWith("java.lang."));
    }

    /**
     * Allocation without a constructor: the serialization constructor the JDK's supported
     * {@code sun.reflect.ReflectionFactory} makes (it runs only {@code Object()}).
     */
    static final class Allocator {
        private static final Object FACTORY = factory();

        private Allocator() {
        }

        private static Object factory() {
            try {
                Class<?> rf = Class.forName("sun.reflect.ReflectionFactory");
                return rf.getMethod("getReflectionFactory").invoke(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;   // jdk.unsupported is not in this runtime image: objects stay by reference
            }
        }

        static Constructor<?> forClass(Class<?> type) {
            if (FACTORY == null || Modifier.isAbstract(type.getModifiers())) {
                return null;
            }
            try {
                Constructor<?> c = (Constructor<?>) FACTORY.getClass()
                        .getMethod("newConstructorForSerialization", Class.class, Constructor.class)
                        .invoke(FACTORY, type, Object.class.getDeclaredConstructor());
                if (c != null) {
                    c.setAccessible(true);
                }
                return c;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
