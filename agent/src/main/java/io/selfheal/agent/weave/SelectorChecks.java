package io.selfheal.agent.weave;

import io.selfheal.runtime.config.ClassSelectors;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.config.YamlNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/**
 * The checks of {@code implements:}, {@code extends:} and {@code annotated:} that only the
 * application's classes can answer, made the first time a class a target names by name is seen in
 * a loader: the type named must be found by that loader (else nothing there can match: a
 * misspelling), must be of the kind the key says (an interface, a class, an annotation type), and
 * an annotation must be kept in class files (not {@code @Retention(SOURCE)}). Each is a
 * config problem with the key's line; the target still matches what it matches.
 */
final class SelectorChecks {
    private static final String RETENTION = "Ljava/lang/annotation/Retention;";

    private final WeaveProblems problems;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    SelectorChecks(WeaveProblems problems) {
        this.problems = problems;
    }

    /** Checks each target's selectors once per loader; {@code className} is the class that asked (dotted). */
    void check(List<TargetConfig> named, ClassLoader loader, String className) {
        for (TargetConfig t : named) {
            ClassSelectors s = t.selectors();
            if (!s.bySupertype() && s.annotationDescriptor() == null) {
                continue;
            }
            if (!Supertypes.mayLookIn(t, loader)
                    || !checked.add(t.name() + "@" + System.identityHashCode(loader))) {
                continue;
            }
            if (s.implementsType() != null) {
                checkKind(t, "implements", s.implementsAt(), s.implementsType(), loader, className,
                        Opcodes.ACC_INTERFACE, "an interface", "is a class, not an interface: extends: chooses by a"
                                + " superclass");
            }
            if (s.extendsType() != null) {
                ClassNode found = header(s.extendsType(), loader);
                if (found == null) {
                    notFound(t, "extends", s.extendsAt(), "class " + dotted(s.extendsType()), loader, className);
                } else if ((found.access & Opcodes.ACC_INTERFACE) != 0) {
                    report(t, "extends", s.extendsAt(), className, dotted(s.extendsType())
                            + " is an interface, not a class: implements: chooses by an interface");
                }
            }
            if (s.annotationDescriptor() != null) {
                checkAnnotation(t, s, loader, className);
            }
        }
    }

    private void checkKind(TargetConfig t, String key, YamlNode at, String type, ClassLoader loader, String className,
            int flag, String what, String wrongKind) {
        ClassNode found = header(type, loader);
        if (found == null) {
            notFound(t, key, at, what.substring(what.indexOf(' ') + 1) + " " + dotted(type), loader, className);
        } else if ((found.access & flag) == 0) {
            report(t, key, at, className, dotted(type) + " " + wrongKind);
        }
    }

    private void checkAnnotation(TargetConfig t, ClassSelectors s, ClassLoader loader, String className) {
        String type = s.annotationDescriptor().substring(1, s.annotationDescriptor().length() - 1);
        ClassNode found = header(type, loader);
        if (found == null) {
            notFound(t, "annotated", s.annotatedAt(), "annotation type " + dotted(type), loader, className);
        } else if ((found.access & Opcodes.ACC_ANNOTATION) == 0) {
            report(t, "annotated", s.annotatedAt(), className, dotted(type)
                    + " is not an annotation type; no method can carry it");
        } else if (keptOnlyInSource(found)) {
            report(t, "annotated", s.annotatedAt(), className, dotted(type) + " has @Retention(SOURCE): the compiler"
                    + " leaves it out of class files, so no method can be chosen by it");
        }
    }

    private static boolean keptOnlyInSource(ClassNode annotationType) {
        if (annotationType.visibleAnnotations == null) {
            return false;
        }
        for (AnnotationNode a : annotationType.visibleAnnotations) {
            if (RETENTION.equals(a.desc) && a.values != null && a.values.size() == 2
                    && a.values.get(1) instanceof String[] e && e.length == 2 && "SOURCE".equals(e[1])) {
                return true;
            }
        }
        return false;
    }

    private void notFound(TargetConfig t, String key, YamlNode at, String what, ClassLoader loader, String className) {
        report(t, key, at, className, what + " is not found by the class loader of " + className
                + " (" + (loader == null ? "the boot loader" : loader.getClass().getName()) + "); no class there can"
                + " match it (check the spelling and the package)");
    }

    private void report(TargetConfig t, String key, YamlNode at, String className, String problem) {
        problems.report(new WeaveProblems.Problem(t.name(), at != null ? at : t.location(), key, className, null, null,
                problem, null));
    }

    /** The class's header and annotations (no code), or {@code null} when the loader does not find it. */
    private static ClassNode header(String internalName, ClassLoader loader) {
        return StateChecker.read(internalName, loader);
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
