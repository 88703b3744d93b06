package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.RestoreConfig;
import io.selfheal.runtime.state.DeepCopier;
import io.selfheal.runtime.state.FieldSet;
import java.util.List;

/**
 * A site's {@code restore:}: the fields that the weaver found to exist, resolved to accessors in
 * the woven class on the first call (then cached for the site's life), and the copier its deep
 * snapshots use.
 */
final class SiteRestore {
    private final RestoreConfig config;
    private final List<String> fieldNames;
    private final DeepCopier copier;
    private volatile FieldSet fields;
    private volatile boolean broken;

    /**
     * @param fieldNames the fields to restore; empty: all (see {@link FieldSet#allOf})
     * @param copier the deep copier, with the config's opt-in clones and a listener for what it keeps by reference
     */
    SiteRestore(RestoreConfig config, List<String> fieldNames, DeepCopier copier) {
        this.config = config;
        this.fieldNames = List.copyOf(fieldNames);
        this.copier = copier;
    }

    RestoreConfig config() {
        return config;
    }

    DeepCopier copier() {
        return copier;
    }

    /** The accessors, or {@code null} once they proved unresolvable (reported as a fault then). */
    FieldSet fields(Site site, Object self) throws ClassNotFoundException {
        FieldSet f = fields;
        if (f != null || broken) {
            return f;
        }
        try {
            Class<?> owner = Class.forName(site.className(), false, site.loader());
            f = fieldNames.isEmpty() ? FieldSet.allOf(owner, self == null) : FieldSet.of(owner, fieldNames);
        } catch (RuntimeException | ClassNotFoundException | LinkageError e) {
            broken = true;
            throw e;
        }
        fields = f;
        return f;
    }
}
