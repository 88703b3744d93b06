package io.selfheal.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Makes the constructors of a class named in {@code checkpoints.state} report each new instance:
 * {@code Instances.seen(this, trackedClass)} just before every {@code return}. No branch or local
 * is added, so the method's stack map frames stay valid as they are. A constructor that writes to
 * local 0 (no compiler does; obfuscators might) is left alone, since {@code this} is no longer
 * known to be there.
 */
final class ConstructorHook {
    static final String INSTANCES = "io/selfheal/bootstrap/Instances";

    private ConstructorHook() {
    }

    /** @return true when the constructor was hooked */
    static boolean hook(MethodNode ctor, int trackedClass) {
        if (!ctor.name.equals("<init>") || ctor.instructions.size() == 0 || writesThis(ctor)) {
            return false;
        }
        boolean hooked = false;
        for (AbstractInsnNode insn = ctor.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.RETURN) {
                InsnList call = new InsnList();
                call.add(new VarInsnNode(Opcodes.ALOAD, 0));
                call.add(push(trackedClass));
                call.add(new MethodInsnNode(Opcodes.INVOKESTATIC, INSTANCES, "seen", "(Ljava/lang/Object;I)V", false));
                ctor.instructions.insertBefore(insn, call);
                hooked = true;
            }
        }
        if (hooked) {
            ctor.maxStack += 2;
        }
        return hooked;
    }

    private static boolean writesThis(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof VarInsnNode v && v.var == 0 && v.getOpcode() >= Opcodes.ISTORE
                    && v.getOpcode() <= Opcodes.ASTORE) {
                return true;
            }
            if (insn instanceof org.objectweb.asm.tree.IincInsnNode i && i.var == 0) {
                return true;
            }
        }
        return false;
    }

    private static AbstractInsnNode push(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }
}
