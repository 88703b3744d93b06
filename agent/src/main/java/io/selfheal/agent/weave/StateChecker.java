package io.selfheal.agent.weave;

import io.selfheal.runtime.config.RestoreConfig;
import io.selfheal.runtime.config.YamlNode;
import io.selfheal.runtime.state.Uncopyable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * Checks at weave time that the fields a {@code restore:} or a {@code checkpoints.state} entry
 * names exist in the class being woven or one of its superclasses (read as class files from the
 * woven class's loader, so nothing is loaded), and that a static method names only static
 * fields. A field that does not pass is a config problem (stderr with its line and column, and a
 * {@code config-problem} event) and is left out; the other fields are still restored.
 */
final class StateChecker {
    private final WeaveProblems problems;
    /** Problems already reported: a missing field is named once per target and class, not per method. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    StateChecker(WeaveProblems problems) {
        this.problems = problems;
    }

    /** The fields found, each with whether it is static and its declared type's descriptor. */
    record Found(String name, boolean isStatic, String descriptor) {
    }

    /**
     * Restoring every field: each whose declared type a deep snapshot cannot copy without running
     * its code (a thread, a lock, a stream) is named once, as a config problem; it is kept by
     * reference (the snapshot is shallow for it) and the other fields are restored as ever.
     */
    private void reportUncopyableFields(String target, RestoreConfig restore, ClassNode cls, String methodName,
            boolean staticMethod, ClassLoader loader) {
        for (ClassNode c = cls; c != null; c = c.superName == null || staticMethod ? null : read(c.superName, loader)) {
            for (FieldNode f : c.fields) {
                boolean isStatic = (f.access & Opcodes.ACC_STATIC) != 0;
                if (isStatic != staticMethod || (f.access & (Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC)) != 0) {
                    continue;
                }
                String notCopied = Uncopyable.reason(typeName(f.desc));
                if (notCopied != null) {
                    report(target, restore.location(), cls, methodName, "restore", f.name,
                            uncopyable(f.name, f.desc, notCopied));
                }
            }
        }
    }

    private static String uncopyable(String field, String descriptor, String reason) {
        return "field '" + field + "' holds a " + typeName(descriptor) + ", " + reason
                + ", which a snapshot cannot copy without running its code; restore keeps it by reference"
                + " (the snapshot is shallow for this field)";
    }

    /** {@code Ljava/lang/Thread;} as {@code java.lang.Thread}; arrays and primitives as they are. */
    private static String typeName(String descriptor) {
        return descriptor.startsWith("L") && descriptor.endsWith(";")
                ? descriptor.substring(1, descriptor.length() - 1).replace('/', '.') : descriptor;
    }

    /**
     * The restore fields usable for one method; an empty list for "all fields" (none named).
     * {@code null} when fields were named but none is usable: the method is woven without restore.
     */
    List<String> restoreFields(String target, RestoreConfig restore, ClassNode cls, String methodName,
            boolean staticMethod, ClassLoader loader) {
        boolean deep = restore.depth() == RestoreConfig.Depth.DEEP;
        if (restore.allFields()) {
            if (deep) {
                reportUncopyableFields(target, restore, cls, methodName, staticMethod, loader);
            }
            return List.of();
        }
        List<String> ok = new ArrayList<>();
        for (RestoreConfig.FieldName f : restore.fields()) {
            Found found = find(cls, f.name(), loader);
            String notCopied = found == null || !deep ? null : Uncopyable.reason(typeName(found.descriptor()));
            if (notCopied != null) {
                report(target, f.location(), cls, methodName, "restore.fields", f.name(),
                        uncopyable(f.name(), found.descriptor(), notCopied));
            }
            String problem = found == null ? noSuchField(cls, f.name())
                    : staticMethod && !found.isStatic() ? "field '" + f.name() + "' is an instance field, but "
                            + methodName + " is static and has no receiver; a static method restores static fields only"
                    : null;
            if (problem == null) {
                ok.add(f.name());
            } else {
                report(target, f, cls, methodName, "restore.fields", problem + "; this field is not restored");
            }
        }
        return ok.isEmpty() ? null : ok;
    }

    /** The {@code checkpoints.state} fields of the class that exist, with whether each is static. */
    List<Found> checkpointFields(List<RestoreConfig.FieldName> fields, ClassNode cls, ClassLoader loader) {
        List<Found> ok = new ArrayList<>();
        for (RestoreConfig.FieldName f : fields) {
            Found found = find(cls, f.name(), loader);
            if (found == null) {
                report(null, f, cls, null, "checkpoints.state.fields",
                        noSuchField(cls, f.name()) + "; checkpoints leave this field out");
            } else {
                ok.add(found);
            }
        }
        return ok;
    }

    private static String noSuchField(ClassNode cls, String name) {
        return "class " + cls.name.replace('/', '.') + " has no field '" + name + "' (nor do its superclasses)";
    }

    private static Found find(ClassNode cls, String name, ClassLoader loader) {
        for (ClassNode c = cls; c != null; c = c.superName == null ? null : read(c.superName, loader)) {
            for (FieldNode f : c.fields) {
                if (f.name.equals(name)) {
                    return new Found(name, (f.access & Opcodes.ACC_STATIC) != 0, f.desc);
                }
            }
        }
        return null;
    }

    /** The class's header, fields and annotations (no code), or {@code null} when the loader does not find it. */
    static ClassNode read(String internalName, ClassLoader loader) {
        String resource = internalName + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            ClassNode node = new ClassNode();
            new ClassReader(in.readAllBytes()).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG);
            return node;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void report(String target, RestoreConfig.FieldName f, ClassNode cls, String methodName, String key,
            String problem) {
        report(target, f.location(), cls, methodName, key, f.name(), problem);
    }

    private void report(String target, YamlNode location, ClassNode cls, String methodName, String key, String field,
            String problem) {
        String className = cls.name.replace('/', '.');
        if (reported.add(target + "|" + className + "|" + key + "|" + field + "|" + problem)) {
            problems.report(new WeaveProblems.Problem(target, location, key, className, methodName, field,
                    problem, null));
        }
    }
}
