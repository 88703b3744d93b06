package io.selfheal.agent.weave;

import io.selfheal.runtime.config.ClassSelectors;
import io.selfheal.runtime.config.TargetConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * Answers {@code implements:} and {@code extends:} from class files alone, so no class is loaded
 * before its time: the class being loaded from its own bytes, each of its supertypes from its
 * class file read as a resource of the class's loader (as {@link StateChecker} reads fields). The
 * direct supertypes of every class read are cached per loader (weakly: a loader that goes away
 * takes its entries with it), so each class file is read once.
 */
final class Supertypes {
    private static final String OBJECT = "java/lang/Object";
    private static final String[] NONE = new String[0];

    /** Direct supertypes (superclass, then interfaces) by internal name, per loader; guarded by itself. */
    private final Map<ClassLoader, Map<String, String[]>> byLoader = new WeakHashMap<>();
    private final Map<String, String[]> ofBootLoader = new ConcurrentHashMap<>();

    /**
     * True when {@code target} may choose a class of {@code loader} by its supertypes: a target whose
     * {@code class:} names no package (or is absent) leaves the JDK's own classes, those of the boot
     * and platform loaders, alone; reading their supertypes while the JDK loads them would only cost.
     */
    static boolean mayLookIn(TargetConfig target, ClassLoader loader) {
        return !(target.classPattern().literalInternalPrefix().isEmpty() && isJdkLoader(loader));
    }

    static boolean isJdkLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** True when every target is chosen by supertype: nothing else could want the class. */
    static boolean allBySupertype(List<TargetConfig> targets) {
        if (targets == null || targets.isEmpty()) {
            return false;
        }
        for (TargetConfig t : targets) {
            if (!t.selectors().bySupertype()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The targets the class chosen by name also is by its supertypes: targets without
     * {@code implements:}/{@code extends:} are kept as they are.
     */
    List<TargetConfig> keep(List<TargetConfig> named, ClassLoader loader, byte[] classFile) {
        if (named == null || named.isEmpty()) {
            return List.of();
        }
        ClassReader header = null;
        List<TargetConfig> kept = new ArrayList<>(named.size());
        for (TargetConfig t : named) {
            ClassSelectors s = t.selectors();
            if (!s.bySupertype()) {
                kept.add(t);
                continue;
            }
            if (!mayLookIn(t, loader)) {
                continue;
            }
            if (header == null) {
                header = new ClassReader(classFile);
                remember(loader, header.getClassName(), direct(header));
            }
            if (has(loader, header.getClassName(), direct(header), s)) {
                kept.add(t);
            }
        }
        return kept;
    }

    private boolean has(ClassLoader loader, String self, String[] direct, ClassSelectors s) {
        if (s.implementsType() != null && !reaches(loader, direct, s.implementsType())) {
            return false;
        }
        // extends: the named class itself too, so the methods its subclasses inherit are woven
        return s.extendsType() == null || self.equals(s.extendsType()) || reaches(loader, direct, s.extendsType());
    }

    /** True when {@code name} is {@code wanted} or reaches it through its supertypes, as {@code loader} sees them. */
    boolean isSubtype(ClassLoader loader, String name, String wanted) {
        return name.equals(wanted) || reaches(loader, directOf(name, loader), wanted);
    }

    private boolean reaches(ClassLoader loader, String[] direct, String wanted) {
        ArrayDeque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String d : direct) {
            todo.push(d);
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.equals(wanted)) {
                return true;
            }
            if (name.equals(OBJECT) || !seen.add(name)) {
                continue;
            }
            for (String d : directOf(name, loader)) {
                todo.push(d);
            }
        }
        return false;
    }

    /** The direct supertypes of {@code name} as {@code loader} sees them; none when its class file is not found. */
    private String[] directOf(String name, ClassLoader loader) {
        Map<String, String[]> cache = cacheOf(loader);
        String[] known = cache.get(name);
        if (known != null) {
            return known;
        }
        String[] read = NONE;
        byte[] bytes = classFile(name, loader);
        if (bytes != null) {
            try {
                read = direct(new ClassReader(bytes));
            } catch (RuntimeException malformed) {
                read = NONE;
            }
        }
        cache.put(name, read);
        return read;
    }

    private void remember(ClassLoader loader, String name, String[] direct) {
        cacheOf(loader).put(name, direct);
    }

    private Map<String, String[]> cacheOf(ClassLoader loader) {
        if (loader == null) {
            return ofBootLoader;
        }
        synchronized (byLoader) {
            Map<String, String[]> cache = byLoader.get(loader);
            if (cache == null) {
                cache = new ConcurrentHashMap<>();
                byLoader.put(loader, cache);
            }
            return cache;
        }
    }

    private static String[] direct(ClassReader header) {
        String superName = header.getSuperName();
        String[] interfaces = header.getInterfaces();
        if (superName == null) {
            return interfaces;
        }
        String[] all = new String[interfaces.length + 1];
        all[0] = superName;
        System.arraycopy(interfaces, 0, all, 1, interfaces.length);
        return all;
    }

    /** The class file of {@code internalName} as {@code loader} finds it, or {@code null}. */
    static byte[] classFile(String internalName, ClassLoader loader) {
        String resource = internalName + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code implements:}/{@code extends:} for a class already loaded: its supertypes are loaded with it. */
    static boolean ofLoaded(Class<?> c, ClassSelectors s) {
        if (s.implementsType() != null && !loadedReaches(c, s.implementsType().replace('/', '.'))) {
            return false;
        }
        return s.extendsType() == null || c.getName().equals(s.extendsType().replace('/', '.'))
                || loadedReaches(c, s.extendsType().replace('/', '.'));
    }

    private static boolean loadedReaches(Class<?> c, String wanted) {
        ArrayDeque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.push(c);
        while (!todo.isEmpty()) {
            Class<?> k = todo.pop();
            if (!seen.add(k)) {
                continue;
            }
            if (k != c && k.getName().equals(wanted)) {
                return true;
            }
            if (k.getSuperclass() != null) {
                todo.push(k.getSuperclass());
            }
            for (Class<?> i : k.getInterfaces()) {
                todo.push(i);
            }
        }
        return false;
    }
}
