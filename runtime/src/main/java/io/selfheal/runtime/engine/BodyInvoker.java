package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.ReentryGuard;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.concurrent.Callable;

/**
 * Runs a woven method's body again, away from the caller's frame (on a scheduler thread, say), with
 * a call's saved receiver and arguments: one more attempt of a call the runtime is healing already
 * (a retry of an asynchronous call, a hedge). The run is the woven method itself, entered with a
 * one-shot raw mark ({@link ReentryGuard#markRaw}): its entry takes the mark and hands back
 * {@link #RAW_RUN}, so that run is neither admitted, counted nor healed (its outcome comes back
 * here, a throw unchanged), while woven calls nested inside the body heal as usual.
 *
 * <p>The method is found from the site's class, name and descriptor with a private lookup into the
 * class (every class of an unnamed module is open to the agent); a class whose module does not open
 * its package to the agent cannot be run again, which {@link #of} reports as {@link Unreachable}
 * naming the method. One invoker per site, made on first use.
 */
public final class BodyInvoker {
    /** The token a raw run's entry returns: its success and failure calls do nothing. */
    static final Object RAW_RUN = new Object() {
        @Override
        public String toString() {
            return "BodyInvoker.RAW_RUN";
        }
    };

    /** The agent cannot run the body again (its class unreachable, a receiver of another class): never the body's failure. */
    public static final class Unreachable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int siteId;
    private final Class<?> owner;
    private final boolean isStatic;
    /** {@code (Object self, Object[] arguments) -> Object}: the woven method, spread and boxed. */
    private final MethodHandle handle;

    private BodyInvoker(int siteId, Class<?> owner, boolean isStatic, MethodHandle handle) {
        this.siteId = siteId;
        this.owner = owner;
        this.isStatic = isStatic;
        this.handle = handle;
    }

    /**
     * The site's invoker, made once.
     *
     * @throws Unreachable when the method cannot be reached (its class loader gone, its module
     *     closed to the agent)
     */
    public static BodyInvoker of(Site site) {
        BodyInvoker b = site.invoker;
        if (b == null) {
            b = create(site);
            site.invoker = b;   // a race makes two equal invokers; either serves
        }
        return b;
    }

    private static BodyInvoker create(Site site) {
        if (CodeSites.isCodeSite(site)) {
            return new BodyInvoker(site.id(), null, true, null);   // a block from code: its one argument is the block
        }
        boolean began = ReentryGuard.begin();   // loading and linking may run application code
        try {
            ClassLoader loader = site.loader();
            Class<?> owner = Class.forName(site.className(), false, loader);
            MethodType type = MethodType.fromMethodDescriptorString(site.descriptor(), loader);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            boolean isStatic = isStatic(owner, site.methodName(), type);
            MethodHandle mh = isStatic ? lookup.findStatic(owner, site.methodName(), type)
                    : lookup.findSpecial(owner, site.methodName(), type, owner);   // this very body, not an override
            mh = mh.asType(mh.type().generic());
            if (isStatic) {
                mh = MethodHandles.dropArguments(mh, 0, Object.class);
            }
            mh = mh.asSpreader(Object[].class, type.parameterCount());
            return new BodyInvoker(site.id(), owner, isStatic, mh);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new Unreachable("cannot run the body of " + site + " again: " + e, e);
        } finally {
            ReentryGuard.end(began);
        }
    }

    private static boolean isStatic(Class<?> owner, String name, MethodType type) throws NoSuchMethodException {
        return Modifier.isStatic(owner.getDeclaredMethod(name, type.parameterArray()).getModifiers());
    }

    /**
     * Runs the body once, on the calling thread, untracked: what it returns comes back, what it
     * throws is thrown unchanged. Call it off any agent-work mark, so nested woven calls heal.
     *
     * @param self the receiver ({@code null} for a static method)
     * @param arguments the call's arguments, primitives boxed
     */
    public Object invoke(Object self, Object[] arguments) throws Throwable {
        if (handle == null) {
            return ((Callable<?>) arguments[0]).call();   // no woven entry to mark: nested calls heal as usual
        }
        if (!isStatic && !owner.isInstance(self)) {
            throw new Unreachable("cannot run the body of " + owner.getName() + " again on "
                    + (self == null ? "null" : "an instance of " + self.getClass().getName()
                    + " from another class loader"), null);
        }
        ReentryGuard.markRaw(siteId);
        try {
            return (Object) handle.invokeExact(self, arguments);
        } finally {
            ReentryGuard.clearRaw();   // a body that never reached its entry leaves no mark behind
        }
    }
}
