package io.selfheal.agent.patch;

/**
 * A class as the JVM knows it: its defining loader (by identity; {@code null} is the bootstrap
 * loader) and its internal name. The same name in two loaders is two classes, patched separately.
 */
record ClassKey(ClassLoader loader, String internalName) {

    static ClassKey of(Class<?> c) {
        return new ClassKey(c.getClassLoader(), c.getName().replace('.', '/'));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassKey k && k.loader == loader && k.internalName.equals(internalName);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(loader) * 31 + internalName.hashCode();
    }

    String className() {
        return internalName.replace('/', '.');
    }
}
