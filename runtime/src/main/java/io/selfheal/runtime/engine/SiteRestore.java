package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.RestoreConfig;
import io.selfheal.runtime.state.FieldSet;
import java.util.List;

/**
 * A site's {@code restore:}: the fields that the weaver found to exist, resolved to accessors in
 * the woven class on the first call (then cached for the site's life).
 */
final class SiteRestore {
    private final RestoreConfig config;
    private final List<String> fieldNames;
    private volatile FieldSet fields;
    private volatile boolean broken;

    /** @param fieldNames the fields to restore; empty: all (see {@link FieldSet#allOf}) */
    SiteRestore(RestoreConfig config, List<String> fieldNames) {
        this.config = config;
        this.fieldNames = List.copyOf(fieldNames);
    }

    RestoreConfig config() {
        return config;
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
