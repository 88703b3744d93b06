package io.selfheal.agent.weave;

import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.OnResultConfig;
import io.selfheal.runtime.config.TargetConfig;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Decides at weave time how a method's returns report to {@code retry.on-result} (not at all for a
 * target without it), and checks its predicate ({@code method:}) as fallback methods are checked,
 * from class files of the woven class's loader, loading nothing: it must exist, be static, return
 * boolean and take the return type (the same primitive, or any reference type), optionally
 * followed by the woven method's parameters. A predicate that does not is a config problem and is
 * left out for that method (null, empty and equals still apply).
 */
final class OnResultChecker {
    /** How a method's returns are woven, and whether its predicate may be used. */
    record Decision(int resultMode, boolean predicateUsable) {
        static final Decision NONE = new Decision(MethodWeaver.RESULT_NONE, false);
    }

    private final WeaveProblems problems;

    OnResultChecker(WeaveProblems problems) {
        this.problems = problems;
    }

    Decision decide(TargetConfig target, String className, String methodName, String descriptor, ClassLoader loader,
            List<FallbackEntry> usableFallbacks) {
        OnResultConfig onResult = target.retry() == null ? null : target.retry().onResult();
        if (onResult == null || Type.getReturnType(descriptor).getSort() == Type.VOID) {
            return Decision.NONE;
        }
        boolean predicateUsable = false;
        boolean predicateTakesArguments = false;
        if (onResult.hasMethod()) {
            String problem = null;
            ClassNode owner = FallbackChecker.read(onResult.methodClass(), loader);
            if (owner == null) {
                problem = "on-result class " + onResult.methodClass() + " is not found by the class loader of the woven class";
            } else {
                int arity = arity(owner, onResult.methodName(), descriptor);
                if (arity < 0) {
                    problem = "on-result method " + onResult.methodClass() + "#" + onResult.methodName()
                            + " must be static, return boolean and take " + Type.getReturnType(descriptor).getClassName()
                            + " (optionally followed by the parameters of " + methodName + ")";
                } else {
                    predicateUsable = true;
                    predicateTakesArguments = arity > 1;
                }
            }
            if (problem != null) {
                problems.report(new WeaveProblems.Problem(target.name(), onResult.methodNode(), "retry.on-result.method",
                        className, methodName, null, problem, "null, empty and equals still apply; the method does not"));
            }
        }
        boolean fallbackTakesArguments = false;
        for (FallbackEntry e : usableFallbacks) {
            fallbackTakesArguments |= target.fallbackOnResult() && e instanceof FallbackEntry.MethodFallback;
        }
        int mode = predicateTakesArguments || fallbackTakesArguments ? MethodWeaver.RESULT_VALUE_AND_ARGUMENTS
                : MethodWeaver.RESULT_VALUE;
        return new Decision(mode, predicateUsable);
    }

    /** The parameter count of the first fitting predicate (1, or 1 + the method's), or -1 when none fits. */
    private static int arity(ClassNode owner, String name, String descriptor) {
        Type ret = Type.getReturnType(descriptor);
        Type[] params = Type.getArgumentTypes(descriptor);
        for (MethodNode m : owner.methods) {
            if (!m.name.equals(name) || (m.access & Opcodes.ACC_STATIC) == 0
                    || Type.getReturnType(m.desc).getSort() != Type.BOOLEAN) {
                continue;
            }
            Type[] p = Type.getArgumentTypes(m.desc);
            if (p.length == 0 || !takesValue(p[0], ret)) {
                continue;
            }
            if (p.length == 1) {
                return 1;
            }
            if (p.length == params.length + 1) {
                boolean same = true;
                for (int i = 0; i < params.length; i++) {
                    same &= p[i + 1].equals(params[i]);
                }
                if (same) {
                    return p.length;
                }
            }
        }
        return -1;
    }

    private static boolean takesValue(Type param, Type returnType) {
        boolean primitive = returnType.getSort() < Type.ARRAY;
        if (primitive || param.getSort() < Type.ARRAY) {
            return param.equals(returnType);
        }
        return true;   // reference types: assignability is checked again when the predicate is resolved
    }
}
