package io.selfheal.bootstrap;

import java.lang.ref.WeakReference;

/**
 * The sites {@link CodeHealing} found, by target name and class loader, so that a call from code
 * finds its site with a hash, a compare or two and a weak reference read, without going through
 * the handler and the engine's maps each time. Names the config has no target of are kept too
 * (site -1), so such a call costs as little. Copied on write: readers take no lock; the table is
 * small and written once per (name, loader).
 *
 * <p>Forgotten whole when the config is reloaded ({@link CodeHealing#forgetSites}): a target may
 * have come or gone, and each pair asks the engine again.
 */
final class CodeSiteCache {
    /** Not found here: ask the handler. */
    static final int UNKNOWN = Integer.MIN_VALUE;
    private static final int CAPACITY = 256;

    private final Entry[] table;

    static final CodeSiteCache EMPTY = new CodeSiteCache(new Entry[CAPACITY]);

    private CodeSiteCache(Entry[] table) {
        this.table = table;
    }

    int find(String name, ClassLoader loader) {
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = name.hashCode() & mask, probes = 0; probes < t.length; i = (i + 1) & mask, probes++) {
            Entry e = t[i];
            if (e == null) {
                return UNKNOWN;
            }
            if ((e.name == name || e.name.equals(name)) && e.isFor(loader)) {
                return e.site;
            }
        }
        return UNKNOWN;
    }

    /** This cache plus the pair; this very cache when it is full (the pair is then asked of the handler each time). */
    CodeSiteCache with(String name, ClassLoader loader, int site) {
        Entry[] t = table.clone();
        int mask = t.length - 1;
        for (int i = name.hashCode() & mask, probes = 0; probes < t.length; i = (i + 1) & mask, probes++) {
            Entry e = t[i];
            if (e == null || e.loader.get() == null && !e.bootLoader) {   // free, or its loader is gone
                t[i] = new Entry(name, loader, site);
                return new CodeSiteCache(t);
            }
        }
        return this;
    }

    private static final class Entry {
        final String name;
        final WeakReference<ClassLoader> loader;
        final boolean bootLoader;
        final int site;

        Entry(String name, ClassLoader loader, int site) {
            this.name = name;
            this.loader = new WeakReference<>(loader);
            this.bootLoader = loader == null;
            this.site = site;
        }

        boolean isFor(ClassLoader l) {
            return l == null ? bootLoader : loader.get() == l;
        }
    }
}
