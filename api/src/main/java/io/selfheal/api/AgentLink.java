package io.selfheal.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The way to the agent: its gateway, {@code io.selfheal.bootstrap.CodeHealing}, found once, at the
 * first use of {@link SelfHeal}, in the boot class loader (where the agent puts it, so an API jar in
 * any loader sees it) or else the system loader. Only JDK types cross: the handles' types name
 * {@code String}, {@code Callable}, {@code Consumer}, {@code Map} and the like. With no agent every
 * handle is {@code null}, and the API runs each block as it is.
 *
 * <p>The handles are constants ({@code static final}): the JIT inlines the gateway into the caller,
 * and with no agent the test for it folds away.
 */
final class AgentLink {
    static final String GATEWAY = "io.selfheal.bootstrap.CodeHealing";

    /** {@code Object call(String, Callable)}. */
    static final MethodHandle CALL;
    /** {@code Object callAsync(String, Callable)}. */
    static final MethodHandle CALL_ASYNC;
    /** {@code boolean isActive()}. */
    static final MethodHandle ACTIVE;
    /** {@code boolean isActive(String)}. */
    static final MethodHandle ACTIVE_TARGET;
    /** {@code AutoCloseable subscribe(String, Collection, Consumer)}. */
    static final MethodHandle SUBSCRIBE;
    /** {@code long droppedEvents()}. */
    static final MethodHandle DROPPED;
    /** {@code Map stats(String)}. */
    static final MethodHandle STATS;

    static {
        Class<?> gateway = find();
        MethodHandle call = null;
        MethodHandle callAsync = null;
        MethodHandle active = null;
        MethodHandle activeTarget = null;
        MethodHandle subscribe = null;
        MethodHandle dropped = null;
        MethodHandle stats = null;
        if (gateway != null) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                call = lookup.findStatic(gateway, "call", MethodType.methodType(Object.class, String.class,
                        Callable.class));
                callAsync = lookup.findStatic(gateway, "callAsync", MethodType.methodType(Object.class, String.class,
                        Callable.class));
                active = lookup.findStatic(gateway, "isActive", MethodType.methodType(boolean.class));
                activeTarget = lookup.findStatic(gateway, "isActive", MethodType.methodType(boolean.class,
                        String.class));
                subscribe = lookup.findStatic(gateway, "subscribe", MethodType.methodType(AutoCloseable.class,
                        String.class, Collection.class, Consumer.class));
                dropped = lookup.findStatic(gateway, "droppedEvents", MethodType.methodType(long.class));
                stats = lookup.findStatic(gateway, "stats", MethodType.methodType(Map.class, String.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // An agent of another version without this gateway's shape: as if there were none.
                System.err.println("[selfheal] the selfheal agent in this JVM has no usable gateway for "
                        + "selfheal-api (" + e + "); SelfHeal.call runs blocks without healing");
                call = callAsync = active = activeTarget = subscribe = dropped = stats = null;
            }
        }
        CALL = call;
        CALL_ASYNC = callAsync;
        ACTIVE = active;
        ACTIVE_TARGET = activeTarget;
        SUBSCRIBE = subscribe;
        DROPPED = dropped;
        STATS = stats;
    }

    private AgentLink() {
    }

    private static Class<?> find() {
        try {
            return Class.forName(GATEWAY, false, null);
        } catch (ClassNotFoundException | LinkageError notInBootLoader) {
            try {
                return Class.forName(GATEWAY, false, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException | LinkageError | SecurityException none) {
                return null;
            }
        }
    }

    /** Rethrows {@code t} as it is, checked or not: the compiler's view comes from the caller's {@code E}. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E unchanged(Throwable t) throws E {
        throw (E) t;
    }
}
