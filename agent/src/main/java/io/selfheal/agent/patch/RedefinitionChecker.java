package io.selfheal.agent.patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.RecordComponentNode;

/**
 * Says, with ASM and before the JVM is asked, whether a patch class can replace the loaded one:
 * redefinition may change method bodies only. The same fields (in the same order) and methods,
 * the same modifiers, superclass and interfaces, nest and record structure; each difference is
 * named. Both sides are unwoven class files (the weaver adds no members), so the comparison is
 * the one the JVM will make after weaving.
 */
public final class RedefinitionChecker {
    private RedefinitionChecker() {
    }

    /** @return every difference that forbids the redefinition; empty when it is allowed */
    public static List<String> differences(byte[] current, byte[] patch) {
        ClassNode a = read(current);
        ClassNode b = read(patch);
        List<String> out = new ArrayList<>();
        String cls = a.name.replace('/', '.');
        if (!a.name.equals(b.name)) {
            out.add("the patch class is " + b.name.replace('/', '.') + ", not " + cls);
            return out;
        }
        if ((a.access & 0xFFFF) != (b.access & 0xFFFF)) {
            out.add(cls + ": class modifiers changed from '" + Modifiers.ofClass(a.access) + "' to '"
                    + Modifiers.ofClass(b.access) + "'");
        }
        if (!Objects.equals(a.superName, b.superName)) {
            out.add(cls + ": superclass changed from " + dotted(a.superName) + " to " + dotted(b.superName));
        }
        if (!a.interfaces.equals(b.interfaces)) {
            out.add(cls + ": interfaces changed from " + dotted(a.interfaces) + " to " + dotted(b.interfaces));
        }
        compareFields(cls, a, b, out);
        compareMethods(cls, a, b, out);
        if (!Objects.equals(a.nestHostClass, b.nestHostClass)) {
            out.add(cls + ": nest host changed from " + dotted(a.nestHostClass) + " to " + dotted(b.nestHostClass));
        }
        if (!Objects.equals(orEmpty(a.nestMembers), orEmpty(b.nestMembers))) {
            out.add(cls + ": nest members changed from " + dotted(orEmpty(a.nestMembers)) + " to "
                    + dotted(orEmpty(b.nestMembers)));
        }
        if (!Objects.equals(orEmpty(a.permittedSubclasses), orEmpty(b.permittedSubclasses))) {
            out.add(cls + ": permitted subclasses changed");
        }
        if (!recordComponents(a).equals(recordComponents(b))) {
            out.add(cls + ": record components changed from " + recordComponents(a) + " to " + recordComponents(b));
        }
        return out;
    }

    private static void compareFields(String cls, ClassNode a, ClassNode b, List<String> out) {
        Map<String, FieldNode> before = new LinkedHashMap<>();
        for (FieldNode f : a.fields) {
            before.put(f.name + ":" + f.desc, f);
        }
        Map<String, FieldNode> after = new LinkedHashMap<>();
        for (FieldNode f : b.fields) {
            after.put(f.name + ":" + f.desc, f);
        }
        for (Map.Entry<String, FieldNode> e : after.entrySet()) {
            FieldNode old = before.get(e.getKey());
            FieldNode f = e.getValue();
            if (old == null) {
                out.add(cls + ": field '" + field(f) + "' was added");
            } else if ((old.access & 0xFFFF) != (f.access & 0xFFFF)) {
                out.add(cls + ": field '" + f.name + "' modifiers changed from '" + Modifiers.ofField(old.access)
                        + "' to '" + Modifiers.ofField(f.access) + "'");
            }
        }
        for (Map.Entry<String, FieldNode> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add(cls + ": field '" + field(e.getValue()) + "' was removed");
            }
        }
        if (out.isEmpty() && !new ArrayList<>(before.keySet()).equals(new ArrayList<>(after.keySet()))) {
            out.add(cls + ": the order of the fields changed (the JVM lays fields out by declaration order)");
        }
    }

    private static void compareMethods(String cls, ClassNode a, ClassNode b, List<String> out) {
        Map<String, MethodNode> before = new LinkedHashMap<>();
        for (MethodNode m : a.methods) {
            before.put(m.name + m.desc, m);
        }
        Map<String, MethodNode> after = new LinkedHashMap<>();
        for (MethodNode m : b.methods) {
            after.put(m.name + m.desc, m);
        }
        for (Map.Entry<String, MethodNode> e : after.entrySet()) {
            MethodNode old = before.get(e.getKey());
            MethodNode m = e.getValue();
            if (old == null) {
                out.add(cls + ": method '" + method(m) + "' was added");
            } else if ((old.access & 0xFFFF) != (m.access & 0xFFFF)) {
                out.add(cls + ": method '" + method(m) + "' modifiers changed from '"
                        + Modifiers.ofMethod(old.access) + "' to '" + Modifiers.ofMethod(m.access) + "'");
            }
        }
        // by name, not in the current class file's order: a class file the JVM gives back (a loaded
        // class's) lists its methods in another order than the file on disk, and the running agent
        // and check-patch must name the same removals alike
        for (Map.Entry<String, MethodNode> e : new java.util.TreeMap<>(before).entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add(cls + ": method '" + method(e.getValue()) + "' was removed");
            }
        }
    }

    /**
     * The methods present on both sides whose bodies differ (line numbers and frames aside), as
     * the source wrote them: what a patch that passes {@link #differences} changes. Each body is
     * written into a class of its own, so two compilations of the same code compare equal
     * whatever order their constant pools are in.
     */
    public static List<String> changedMethods(byte[] current, byte[] patch) {
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (MethodNode m : readCode(current).methods) {
            before.put(m.name + m.desc, body(m));
        }
        List<String> out = new ArrayList<>();
        for (MethodNode m : readCode(patch).methods) {
            byte[] old = before.get(m.name + m.desc);
            if (old != null && !java.util.Arrays.equals(old, body(m))) {
                out.add(method(m));
            }
        }
        return out;
    }

    private static ClassNode readCode(byte[] bytes) {
        ClassNode n = new ClassNode();
        new ClassReader(bytes).accept(n, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return n;
    }

    private static byte[] body(MethodNode m) {
        org.objectweb.asm.ClassWriter w = new org.objectweb.asm.ClassWriter(0);
        w.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "Body", null,
                "java/lang/Object", null);
        m.accept(w);
        w.visitEnd();
        return w.toByteArray();
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode n = new ClassNode();
        new ClassReader(bytes).accept(n, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return n;
    }

    private static String field(FieldNode f) {
        return Type.getType(f.desc).getClassName() + " " + f.name;
    }

    /** {@code String greet(String, int)}: how the source wrote it. */
    static String method(MethodNode m) {
        StringBuilder sb = new StringBuilder();
        sb.append(Type.getReturnType(m.desc).getClassName()).append(' ').append(m.name).append('(');
        Type[] args = Type.getArgumentTypes(m.desc);
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(args[i].getClassName());
        }
        return sb.append(')').toString();
    }

    private static List<String> recordComponents(ClassNode n) {
        List<String> out = new ArrayList<>();
        if (n.recordComponents != null) {
            for (RecordComponentNode r : n.recordComponents) {
                out.add(Type.getType(r.descriptor).getClassName() + " " + r.name);
            }
        }
        return out;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String dotted(String internal) {
        return internal == null ? "none" : internal.replace('/', '.');
    }

    private static String dotted(List<String> internal) {
        List<String> out = new ArrayList<>();
        for (String s : internal) {
            out.add(dotted(s));
        }
        return out.toString();
    }
}
