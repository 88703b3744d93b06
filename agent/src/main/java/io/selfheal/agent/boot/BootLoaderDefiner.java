package io.selfheal.agent.boot;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines classes in the boot loader directly, through {@code jdk.internal.misc.Unsafe}, which
 * {@link Instrumentation#redefineModule} opens to the agent once. The way in for the bootstrap
 * classes (visible from every loader) and for the agent's ASM (which the JVM then does not
 * verify, as it verifies no boot class: see {@link BootLoaderAsm}).
 */
public final class BootLoaderDefiner {
    /** Since JDK 18 core reflection runs on method handles (JEP 416). */
    private static final int REFLECTION_ON_METHOD_HANDLES = 18;

    private final Object unsafe;
    /** {@code Unsafe.defineClass} by reflection: on JDK 17, where that costs least; else {@code null}. */
    private final Method define;
    /** {@code Unsafe.defineClass} bound to the instance, exact type: on later JDKs; else {@code null}. */
    private final MethodHandle defineHandle;

    private BootLoaderDefiner(Object unsafe, Method define, MethodHandle defineHandle) {
        this.unsafe = unsafe;
        this.define = define;
        this.defineHandle = defineHandle;
    }

    /**
     * Opens {@code jdk.internal.misc} to the agent; throws where this JVM does not allow it.
     *
     * <p>How {@code defineClass} is called depends on the JDK, because the first call of a
     * six-argument method costs very differently: on JDK 17 a reflective call is a native call
     * (0.3 ms); from JDK 18 on, reflection spins method-handle adapters for the arguments' shape
     * (about 30 ms, some 20 hidden classes, on Temurin 25), and a method handle of the exact type
     * costs a fifth of that, while on 17 it costs 6 ms against reflection's 0.3.
     */
    static BootLoaderDefiner open(Instrumentation inst) throws ReflectiveOperationException {
        openInternalMisc(inst);
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        if (Runtime.version().feature() >= REFLECTION_ON_METHOD_HANDLES) {
            MethodHandle handle = MethodHandles.privateLookupIn(unsafeClass, MethodHandles.lookup())
                    .findVirtual(unsafeClass, "defineClass", MethodType.methodType(Class.class, String.class,
                            byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class))
                    .bindTo(unsafe);
            return new BootLoaderDefiner(unsafe, null, handle);
        }
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        return new BootLoaderDefiner(unsafe, define, null);
    }

    /**
     * Defines one class in the boot loader; its supertypes must be there already.
     *
     * @throws LinkageError or another throwable of the JVM's, as the definition threw it
     */
    void define(String name, byte[] classFile) throws Throwable {
        if (defineHandle != null) {
            // The cast and the null casts give the call site the handle's exact type.
            Class<?> defined = (Class<?>) defineHandle.invokeExact(name, classFile, 0, classFile.length,
                    (ClassLoader) null, (ProtectionDomain) null);
            return;
        }
        try {
            define.invoke(unsafe, name, classFile, 0, classFile.length, null, null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Opens {@code java.base}'s {@code jdk.internal.misc} (home of {@code Unsafe} and {@code VM})
     * to the agent's module. The first call spins a few lambda classes of the JDK's own, some
     * milliseconds at start: call it only where that package is needed.
     */
    static void openInternalMisc(Instrumentation inst) {
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("jdk.internal.misc", Set.of(BootLoaderDefiner.class.getModule())), Set.of(), Map.of());
    }
}
