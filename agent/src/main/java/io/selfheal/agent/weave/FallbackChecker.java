package io.selfheal.agent.weave;

import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.TargetConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Checks a target's fallback chain against one woven method at weave time, without loading any
 * class (reading class files as resources of the woven class's loader): a fallback method must
 * exist, be static, take the method's parameters (optionally plus a Throwable) and return a
 * compatible type; a literal must fit the return type. An entry that does not is reported as a
 * config problem (stderr and a {@code config-problem} event) and left out of that method's chain,
 * so the application never meets it as an exception.
 */
final class FallbackChecker {
    private final WeaveProblems problems;

    FallbackChecker(WeaveProblems problems) {
        this.problems = problems;
    }

    List<FallbackEntry> usable(TargetConfig target, String className, String methodName, String descriptor,
            ClassLoader loader) {
        List<FallbackEntry> ok = new ArrayList<>();
        for (FallbackEntry e : target.fallback()) {
            String problem = problemWith(e, descriptor, loader);
            if (problem == null) {
                ok.add(e);
            } else {
                report(target, e, className, methodName, problem);
            }
        }
        return ok;
    }

    private String problemWith(FallbackEntry e, String descriptor, ClassLoader loader) {
        Type ret = Type.getReturnType(descriptor);
        if (e instanceof FallbackEntry.MethodFallback mf) {
            return methodProblem(mf, descriptor, ret, loader);
        }
        if (e instanceof FallbackEntry.ValueFallback vf) {
            return valueProblem(vf.value(), ret);
        }
        return null;
    }

    private static String methodProblem(FallbackEntry.MethodFallback mf, String descriptor, Type ret,
            ClassLoader loader) {
        ClassNode owner = read(mf.className(), loader);
        if (owner == null) {
            return "fallback class " + mf.className() + " is not found by the class loader of the woven class";
        }
        String params = descriptor.substring(0, descriptor.indexOf(')'));
        String nearest = null;
        for (MethodNode m : owner.methods) {
            if (!m.name.equals(mf.methodName())) {
                continue;
            }
            nearest = m.name + m.desc;
            if ((m.access & Opcodes.ACC_STATIC) == 0) {
                continue;
            }
            String mParams = m.desc.substring(0, m.desc.indexOf(')'));
            boolean same = mParams.equals(params);
            boolean plusThrowable = mParams.startsWith(params) && isOneObjectType(mParams.substring(params.length()));
            if (!same && !plusThrowable) {
                continue;
            }
            Type mRet = Type.getReturnType(m.desc);
            if (compatible(mRet, ret)) {
                return null;
            }
        }
        return "fallback method " + mf.className() + "#" + mf.methodName() + " must be static, take ("
                + javaTypes(descriptor) + ") (optionally plus a Throwable) and return " + ret.getClassName()
                + (nearest == null ? "; there is no method of that name" : "; found "
                        + Type.getReturnType(nearest.substring(nearest.indexOf('('))).getClassName() + " "
                        + mf.methodName() + "(" + javaTypes(nearest.substring(nearest.indexOf('('))) + ")");
    }

    private static String javaTypes(String methodDescriptor) {
        StringBuilder sb = new StringBuilder();
        for (Type t : Type.getArgumentTypes(methodDescriptor)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.getClassName());
        }
        return sb.toString();
    }

    private static boolean isOneObjectType(String rest) {
        return rest.startsWith("L") && rest.endsWith(";") && rest.indexOf(';') == rest.length() - 1;
    }

    private static boolean compatible(Type fallbackReturn, Type methodReturn) {
        if (methodReturn.getSort() == Type.VOID) {
            return true;
        }
        boolean fPrim = fallbackReturn.getSort() < Type.ARRAY;
        boolean mPrim = methodReturn.getSort() < Type.ARRAY;
        if (fPrim || mPrim) {
            return fallbackReturn.equals(methodReturn);
        }
        // Reference types: assignability is checked again when the fallback is first resolved.
        return true;
    }

    private static String valueProblem(Object value, Type ret) {
        switch (ret.getSort()) {
            case Type.VOID:
                return null;
            case Type.BOOLEAN:
                return value instanceof Boolean ? null : "value " + value + " is not a boolean";
            case Type.CHAR:
                return value instanceof String s && s.length() == 1 ? null : "value " + value + " is not a char";
            case Type.BYTE:
            case Type.SHORT:
            case Type.INT:
            case Type.LONG:
                return value instanceof Long ? null : "value " + value + " is not a whole number (the method returns "
                        + ret.getClassName() + ")";
            case Type.FLOAT:
            case Type.DOUBLE:
                return value instanceof Number ? null : "value " + value + " is not a number";
            default:
                break;
        }
        String name = ret.getClassName();
        if ((name.equals("java.lang.Integer") || name.equals("java.lang.Long")) && !(value instanceof Long)
                && value != null) {
            return "value " + value + " is not a whole number (the method returns " + name + ")";
        }
        if (name.equals("java.lang.String") && (value instanceof List || value instanceof Map)) {
            return "value " + value + " is a " + (value instanceof List ? "list" : "mapping")
                    + " but the method returns java.lang.String";
        }
        return null;
    }

    static ClassNode read(String className, ClassLoader loader) {
        String resource = className.replace('.', '/') + ".class";
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

    private void report(TargetConfig target, FallbackEntry e, String className, String methodName, String problem) {
        problems.report(new WeaveProblems.Problem(target.name(), e.location(), "fallback", className, methodName, null,
                problem, "this entry is left out of the chain"));
    }
}
