package io.selfheal.it.apps.isolated;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;

/**
 * Loads {@link IsolatedService} in a child-first class loader (as servlet containers and plugin
 * systems do), though the same class is also on the application class path, and calls it.
 */
public final class ChildFirstApp {
    private ChildFirstApp() {
    }

    public static void main(String[] args) throws Exception {
        URL classes = Paths.get(ChildFirstApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        try (ChildFirstLoader loader = new ChildFirstLoader(classes, ChildFirstApp.class.getClassLoader())) {
            Class<?> service = loader.loadClass("io.selfheal.it.apps.isolated.IsolatedService");
            System.out.println("RESULT loader " + service.getClassLoader().getName());
            System.out.println("RESULT sameAsApp " + (service == IsolatedService.class));
            Object s = service.getConstructor().newInstance();
            System.out.println("RESULT fetch " + call(service.getMethod("fetch", String.class), s, "k"));
            System.out.println("RESULT broken " + call(service.getMethod("broken", String.class), s, "b"));
        }
    }

    private static String call(Method m, Object target, Object arg) throws IllegalAccessException {
        try {
            return "returned " + m.invoke(target, arg);
        } catch (InvocationTargetException e) {
            return "threw " + e.getCause();
        }
    }

    /** Child-first for this package: its classes are defined here, everything else is delegated. */
    static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL url, ClassLoader parent) {
            super("child-first", new URL[] {url}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.selfheal.it.apps.isolated.") && !name.contains("ChildFirst")) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        c = findClass(name);
                    }
                    return c;
                }
                return super.loadClass(name, resolve);
            }
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            try {
                URL own = findResource(name);
                return own != null ? own.openStream() : super.getResourceAsStream(name);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
