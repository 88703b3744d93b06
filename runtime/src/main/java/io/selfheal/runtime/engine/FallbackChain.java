package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.FallbackEntry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * A site's {@code fallback:} chain. Entries are tried in order; the first that gives a value wins.
 * Everything is resolved in the woven class's loader on first use and cached, so a constant
 * fallback ({@code value:} or {@code empty:}) is the same object every time: no allocation.
 */
final class FallbackChain {
    /** Returned by {@link #apply} when no entry gave a value. */
    static final Object NO_VALUE = new Object();

    /** Told about each entry that answered and each that could not. */
    interface Listener {
        /** @param thrown the failure it answered; {@code null} for a short-circuit (not reported per call) */
        void fallbackUsed(Site site, FallbackEntry entry, Throwable thrown, boolean drill);

        void fallbackBroken(Site site, FallbackEntry entry, Throwable why, boolean drill);
    }

    private final Site site;
    private final List<FallbackEntry> entries;
    private final Listener listener;
    private volatile Resolved[] resolved;

    FallbackChain(Site site, List<FallbackEntry> entries, Listener listener) {
        this.site = site;
        this.entries = List.copyOf(entries);
        this.listener = listener;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * @param thrown the failure, or {@code null} for a short-circuit
     * @param arguments the call's arguments, or {@code null} when not (yet) known
     * @return the value, {@link #NO_VALUE}, or {@link io.selfheal.bootstrap.Healing#NEEDS_ARGUMENTS}
     *     when a method entry needs the arguments that were not given
     */
    Object apply(Object self, Throwable thrown, Object[] arguments) {
        return apply(self, thrown, arguments, false);
    }

    /** @param drill the call is one a drill touched: its events say so */
    Object apply(Object self, Throwable thrown, Object[] arguments, boolean drill) {
        Resolved[] chain = resolve(drill);
        for (Resolved r : chain) {
            if (r == null) {
                continue;
            }
            if (r.method != null) {
                if (arguments == null) {
                    return io.selfheal.bootstrap.Healing.NEEDS_ARGUMENTS;
                }
                Object v = r.invoke(thrown, arguments, drill);
                if (v != NO_VALUE) {
                    listener.fallbackUsed(site, r.entry, thrown, drill);
                    return v;
                }
            } else {
                listener.fallbackUsed(site, r.entry, thrown, drill);
                return r.constant;
            }
        }
        return NO_VALUE;
    }

    private Resolved[] resolve(boolean drill) {
        Resolved[] r = resolved;
        if (r == null) {
            // Once per site: loading the classes and converting literals may run application code.
            boolean began = ReentryGuard.begin();
            try {
                r = new Resolved[entries.size()];
                for (int i = 0; i < r.length; i++) {
                    try {
                        r[i] = resolve(entries.get(i));
                    } catch (Exception | LinkageError e) {
                        listener.fallbackBroken(site, entries.get(i), e, drill);
                    }
                }
                resolved = r;
            } finally {
                ReentryGuard.end(began);
            }
        }
        return r;
    }

    private Resolved resolve(FallbackEntry entry) throws Exception {
        ClassLoader loader = site.loader();
        if (CodeSites.isCodeSite(site) && !(entry instanceof FallbackEntry.MethodFallback)) {
            // A block's type is erased: give what Java code expects of a literal (see ValueConverter.forCode).
            return new Resolved(entry, entry instanceof FallbackEntry.ValueFallback v ? ValueConverter.forCode(v.value())
                    : null, null, false);
        }
        // A method that returns a stage answers with its value type T: the agent makes the stage.
        Class<?> returnType = site.async() ? AsyncReturn.valueType(site, loader)
                : Types.forDescriptor(Types.returnDescriptor(site.descriptor()), loader);
        if (entry instanceof FallbackEntry.EmptyFallback) {
            return new Resolved(entry, ValueConverter.empty(returnType), null, false);
        }
        if (entry instanceof FallbackEntry.ValueFallback v) {
            return new Resolved(entry, ValueConverter.convert(v.value(), returnType), null, false);
        }
        FallbackEntry.MethodFallback m = (FallbackEntry.MethodFallback) entry;
        Class<?>[] types = Types.parameterTypes(site.descriptor(), loader);
        Class<?> owner = Class.forName(m.className(), false, loader);
        for (Method candidate : owner.getDeclaredMethods()) {
            if (!candidate.getName().equals(m.methodName()) || !Modifier.isStatic(candidate.getModifiers())) {
                continue;
            }
            Class<?>[] p = candidate.getParameterTypes();
            boolean same = java.util.Arrays.equals(p, types);
            boolean plusThrowable = p.length == types.length + 1
                    && java.util.Arrays.equals(java.util.Arrays.copyOf(p, types.length), types)
                    && Throwable.class.isAssignableFrom(p[types.length]);
            if ((same || plusThrowable) && (returnType == void.class
                    || Types.boxed(returnType).isAssignableFrom(Types.boxed(candidate.getReturnType()))
                    || site.async() && java.util.concurrent.CompletionStage.class.isAssignableFrom(candidate.getReturnType()))) {
                candidate.setAccessible(true);
                return new Resolved(entry, null, candidate, plusThrowable);
            }
        }
        throw new NoSuchMethodException("no static method " + m.methodName() + " in " + m.className()
                + " with the parameters of " + site.methodName() + site.descriptor()
                + " (optionally plus a Throwable) returning a compatible type");
    }

    private final class Resolved {
        final FallbackEntry entry;
        final Object constant;
        final Method method;
        final boolean takesThrowable;

        Resolved(FallbackEntry entry, Object constant, Method method, boolean takesThrowable) {
            this.entry = entry;
            this.constant = constant;
            this.method = method;
            this.takesThrowable = takesThrowable;
        }

        Object invoke(Throwable thrown, Object[] arguments, boolean drill) {
            Object[] args = arguments;
            if (takesThrowable) {
                Class<?> wanted = method.getParameterTypes()[arguments.length];
                if (thrown != null && !wanted.isInstance(thrown)) {
                    return NO_VALUE;   // declared for another kind of failure
                }
                args = java.util.Arrays.copyOf(arguments, arguments.length + 1);
                args[arguments.length] = thrown;
            }
            // The fallback method is application code: woven methods it calls run unwoven (the
            // failure path is marked already; a short-circuit is marked here, and only here, so
            // that an answer by a value allocates nothing).
            boolean began = ReentryGuard.begin();
            try {
                return method.invoke(null, args);
            } catch (InvocationTargetException e) {
                listener.fallbackBroken(site, entry, e.getCause(), drill);
                return NO_VALUE;
            } catch (ReflectiveOperationException | RuntimeException e) {
                listener.fallbackBroken(site, entry, e, drill);
                return NO_VALUE;
            } finally {
                ReentryGuard.end(began);
            }
        }
    }
}
