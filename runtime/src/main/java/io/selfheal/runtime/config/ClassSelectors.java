package io.selfheal.runtime.config;

import java.util.List;

/**
 * What narrows a target's classes and methods beyond {@code class:} and {@code methods:}:
 * {@code exclude:} (class globs left out), {@code implements:} / {@code extends:} (a class by its
 * supertype, at any depth) and {@code annotated:} (methods carrying an annotation type). All are
 * decided at weave time from class-file bytes, so nothing is loaded early; names are kept in the
 * JVM's internal form, which is what class files hold.
 *
 * @param exclude class globs whose classes the target leaves out; empty for none
 * @param implementsType internal name of the interface every chosen class implements, or {@code null}
 * @param extendsType internal name of the class every chosen class is or extends, or {@code null}
 * @param annotationDescriptor descriptor ({@code Lcom/acme/Resilient;}) of the annotation every chosen
 *     method carries, or {@code null}
 * @param implementsAt where {@code implements:} is written (for problems found at weave time)
 * @param extendsAt where {@code extends:} is written
 * @param annotatedAt where {@code annotated:} is written
 */
public record ClassSelectors(List<ClassPattern> exclude, String implementsType, String extendsType,
        String annotationDescriptor, YamlNode implementsAt, YamlNode extendsAt, YamlNode annotatedAt) {

    /** True when {@code implements:} or {@code extends:} is given: the class's supertypes decide. */
    public boolean bySupertype() {
        return implementsType != null || extendsType != null;
    }

    /** True when an {@code exclude:} glob names the class (internal name). */
    public boolean excludes(String internalName) {
        for (ClassPattern p : exclude) {
            if (p.matchesInternalName(internalName)) {
                return true;
            }
        }
        return false;
    }

    /** The annotation's class name as written ({@code com.acme.Resilient}), or {@code null}. */
    public String annotationName() {
        return annotationDescriptor == null ? null
                : annotationDescriptor.substring(1, annotationDescriptor.length() - 1).replace('/', '.');
    }

    /** {@code com.acme.Base} as class files write it ({@code com/acme/Base}); {@code null} stays {@code null}. */
    static String internal(String className) {
        return className == null ? null : className.replace('.', '/');
    }

    /** The type descriptor of {@code className} ({@code Lcom/acme/Resilient;}); {@code null} stays {@code null}. */
    static String descriptor(String className) {
        return className == null ? null : "L" + internal(className) + ";";
    }
}
