package io.selfheal.runtime.observe;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.Site;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The class loaders of the application, as the agent meets them: the system loader, then the
 * loader of each woven class (a Spring Boot jar's, a servlet container's web application's). A
 * metrics library is looked for in each loader once, the first time it is met here.
 */
final class ApplicationLoaders {
    private final HealingEngine engine;
    private final Set<ClassLoader> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private int sitesSeen;
    private boolean systemSeen;

    ApplicationLoaders(HealingEngine engine) {
        this.engine = engine;
    }

    /** The loaders not returned before; called from one thread (the sampler's tick). */
    List<ClassLoader> fresh() {
        List<ClassLoader> fresh = new ArrayList<>();
        if (!systemSeen) {
            systemSeen = true;
            ClassLoader system = ClassLoader.getSystemClassLoader();
            seen.add(system);
            fresh.add(system);
        }
        int count = engine.siteCount();
        for (int id = sitesSeen; id < count; id++) {
            Site site = engine.site(id);
            try {
                ClassLoader loader = site == null ? null : site.loader();
                if (loader != null && seen.add(loader)) {
                    fresh.add(loader);
                }
            } catch (ClassNotFoundException gone) {
                // its loader was collected: nothing to look in
            }
        }
        sitesSeen = count;
        return fresh;
    }
}
