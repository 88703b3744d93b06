package io.selfheal.agent.weave;

/**
 * A loader that defines one woven class itself and finds it by name, so a site registered for this
 * loader resolves to the woven class (a run of its body again, a fallback's types), not to the
 * unwoven one of the parent.
 */
final class OwnLoader extends ClassLoader {
    private final String name;
    private Class<?> defined;

    OwnLoader(ClassLoader parent, String name) {
        super(parent);
        this.name = name;
    }

    Class<?> define(byte[] bytes) {
        defined = defineClass(name, bytes, 0, bytes.length);
        return defined;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (defined != null && className.equals(name)) {
            return defined;
        }
        return super.loadClass(className, resolve);
    }
}
