package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.FallbackEntry;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * One woven method: the unit the woven code names by an {@code int}. It belongs to a target
 * (whose state it shares with the target's other methods) and knows its class loader, so
 * fallbacks and return types resolve where the application's classes live.
 */
public final class Site {
    private final int id;
    private final TargetRuntime target;
    private final String className;
    private final String methodName;
    private final String descriptor;
    private final WeakReference<ClassLoader> loader;
    private final boolean bootstrapLoader;
    private final FallbackChain fallback;
    private final boolean async;
    private volatile SiteRestore restore;
    private volatile ResultCheck resultCheck;
    /** Made on first use ({@link BodyInvoker#of}). */
    volatile BodyInvoker invoker;

    Site(int id, TargetRuntime target, String className, String methodName, String descriptor,
            ClassLoader loader, List<FallbackEntry> fallbackEntries, FallbackChain.Listener listener) {
        this.id = id;
        this.target = target;
        this.className = className;
        this.methodName = methodName;
        this.descriptor = descriptor;
        this.loader = new WeakReference<>(loader);
        this.bootstrapLoader = loader == null;
        this.async = AsyncReturn.healsOutcome(descriptor);
        this.fallback = new FallbackChain(this, fallbackEntries, listener);
    }

    /** True when the method returns a stage whose outcome is healed ({@link AsyncReturn}). */
    public boolean async() {
        return async;
    }

    public int id() {
        return id;
    }

    public TargetRuntime target() {
        return target;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String descriptor() {
        return descriptor;
    }

    FallbackChain fallback() {
        return fallback;
    }

    /** The site's {@code restore:}, or {@code null} when it has none. */
    SiteRestore restore() {
        return restore;
    }

    /** Whether calls at this site snapshot state at entry ({@code restore:} is on for it). */
    public boolean restores() {
        return restore != null;
    }

    void restore(SiteRestore r) {
        this.restore = r;
    }

    /** The site's {@code retry.on-result}, or {@code null}: its returns are woven to pass the value. */
    ResultCheck resultCheck() {
        return resultCheck;
    }

    void resultCheck(ResultCheck check) {
        this.resultCheck = check;
    }

    /** The woven class's loader; {@code null} for the bootstrap loader. */
    public ClassLoader loader() throws ClassNotFoundException {
        ClassLoader l = loader.get();
        if (l == null && !bootstrapLoader) {
            throw new ClassNotFoundException("the class loader of " + className + " is gone");
        }
        return l;
    }

    @Override
    public String toString() {
        return className + "#" + methodName + descriptor + " (target " + target.name() + ")";
    }
}
