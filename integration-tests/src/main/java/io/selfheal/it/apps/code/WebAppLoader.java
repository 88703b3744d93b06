package io.selfheal.it.apps.code;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Child-first for selfheal-api and the web application, as a servlet container's loader is: it
 * defines its own copies although both are on the application class path too.
 */
final class WebAppLoader extends URLClassLoader {
    WebAppLoader(URL[] urls, ClassLoader parent) {
        super("web-app", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (name.startsWith("io.selfheal.api.") || name.equals("io.selfheal.it.apps.code.WebApp")) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                return c;
            }
            return super.loadClass(name, resolve);
        }
    }
}
