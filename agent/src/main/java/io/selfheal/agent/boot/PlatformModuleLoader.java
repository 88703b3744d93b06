package io.selfheal.agent.boot;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines one class of the agent, with its nested classes, in a loader whose parent is the
 * platform loader, for code that names a JDK module the platform loader defines: the boot loader,
 * where the agent runs from the boot class path, cannot see those modules. The class sees every
 * other class of the agent through the platform loader, which asks the boot loader first; being in
 * a package of its own at run time, it reaches them through public members only.
 */
public final class PlatformModuleLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final String className;

    public PlatformModuleLoader(String className) {
        super("selfheal-platform-modules", ClassLoader.getPlatformClassLoader());
        this.className = className;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(className) && !name.startsWith(className + "$")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] classFile = read(name);
                c = defineClass(name, classFile, 0, classFile.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private static byte[] read(String name) throws ClassNotFoundException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name + " is not in the agent jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
