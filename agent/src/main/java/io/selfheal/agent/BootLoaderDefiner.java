package io.selfheal.agent;

import java.lang.instrument.Instrumentation;
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
final class BootLoaderDefiner {
    private final Object unsafe;
    private final Method define;

    private BootLoaderDefiner(Object unsafe, Method define) {
        this.unsafe = unsafe;
        this.define = define;
    }

    /** Opens {@code jdk.internal.misc} to the agent; throws where this JVM does not allow it. */
    static BootLoaderDefiner open(Instrumentation inst) throws ReflectiveOperationException {
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("jdk.internal.misc", Set.of(BootLoaderDefiner.class.getModule())), Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        return new BootLoaderDefiner(unsafe, define);
    }

    /**
     * Defines one class in the boot loader; its supertypes must be there already.
     *
     * @throws LinkageError or another throwable of the JVM's, as the definition threw it
     */
    void define(String name, byte[] classFile) throws Throwable {
        try {
            define.invoke(unsafe, name, classFile, 0, classFile.length, null, null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static boolean isDefined(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
