package io.selfheal.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Weaves one method so that its body runs inside the healing loop, in the same frame:
 *
 * <pre>
 *   copy this and the arguments into fresh locals
 *   ctx = Healing.enter(site, this)
 *   if (ctx == SHORT_CIRCUIT) {
 *       tmp = Healing.shortCircuit(site, this, null)
 *       if (tmp == NEEDS_ARGUMENTS) tmp = Healing.shortCircuit(site, this, args[])
 *       if (tmp instanceof Injection) { ctx = tmp.token; if (tmp.fault == null) goto start; goto catch with tmp.fault }
 *       if (tmp != PROCEED) return (T) tmp
 *   }
 * start:
 *   try { original body; at each return: Healing.success(site, ctx) }
 *   catch (Throwable thrown) {
 *       tmp = Healing.failure(site, ctx, this, thrown, args[])
 *       if (tmp instanceof Retry) { ctx = tmp; restore this and the arguments; goto start }
 *       if (tmp == RETHROW) throw thrown
 *       return (T) tmp
 *   }
 * </pre>
 *
 * The new locals sit above the method's own ({@code maxLocals}), so the original code is not
 * renumbered. Stack map frames are written by hand: every original frame gains the new locals, and
 * the new branch targets get frames in which the original locals are TOP where their types are not
 * known. No class is loaded to compute a frame, which is what makes weaving safe inside a
 * class-load hook. The success calls are left out of the catch range, so the agent's bookkeeping
 * is never taken for a failure of the body.
 *
 * <p>A site with {@code retry.on-result} (and only such a site: others are woven as above) passes
 * each value it returns instead, and may run the body again:
 *
 * <pre>
 *   at each return of v: tmp = Healing.returned(site, ctx, (Object) v, this, args[] or null)
 *                        if (tmp instanceof Retry) { ctx = tmp; restore this and the arguments; goto start }
 *                        return (T) tmp
 * </pre>
 *
 * <p>A site of a target with {@code hedge:} (and only such a site) enters with
 * {@code Healing.enterHedged(site, this, args[])}, so a copy of the call can run elsewhere with the
 * same arguments, and passes its return value as above, so a copy's value can answer instead.
 */
final class MethodWeaver {
    static final String HEALING = "io/selfheal/bootstrap/Healing";
    static final String RETRY = "io/selfheal/bootstrap/Retry";
    static final String INJECTION = "io/selfheal/bootstrap/Injection";
    private static final String OBJECT = "java/lang/Object";
    private static final String THROWABLE = "java/lang/Throwable";

    private final String owner;
    private final MethodNode m;
    private final int site;
    private final boolean frames;
    private final boolean isStatic;
    private final Type[] argTypes;
    private final Type returnType;
    private final int originalMaxLocals;
    private final int selfCopy;
    private final int[] argCopies;
    private final int ctx;
    private final int tmp;
    private final int thrown;
    /** {@link #RESULT_NONE}, {@link #RESULT_VALUE} or {@link #RESULT_VALUE_AND_ARGUMENTS}. */
    private final int resultMode;
    /** True for a site of a target with {@code hedge:}: its entry passes the arguments. */
    private final boolean hedged;

    /** Returns call Healing.success: the site has no {@code retry.on-result}. */
    static final int RESULT_NONE = 0;
    /** Returns pass their value to Healing.returned. */
    static final int RESULT_VALUE = 1;
    /** Returns pass their value and the arguments (an on-result predicate or a fallback method takes them). */
    static final int RESULT_VALUE_AND_ARGUMENTS = 2;

    /** The method returns a stage whose outcome is healed: each return hands it to the runtime (never with on-result or hedge). */
    private final boolean stageReturn;

    private MethodWeaver(String owner, MethodNode m, int site, boolean frames, int resultMode, boolean hedged,
            boolean stageReturn) {
        this.owner = owner;
        this.stageReturn = stageReturn;
        this.m = m;
        this.site = site;
        this.frames = frames;
        this.isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        this.argTypes = Type.getArgumentTypes(m.desc);
        this.returnType = Type.getReturnType(m.desc);
        this.originalMaxLocals = m.maxLocals;
        int next = originalMaxLocals;
        this.selfCopy = isStatic ? -1 : next++;
        this.argCopies = new int[argTypes.length];
        for (int i = 0; i < argTypes.length; i++) {
            argCopies[i] = next;
            next += argTypes[i].getSize();
        }
        this.ctx = next++;
        this.tmp = next++;
        this.thrown = next++;
        // The settings' one place: a stage's outcome is the stage's (no on-result, no hedge); a hedged
        // site passes its value; a void method has none to pass.
        this.hedged = hedged && !stageReturn;
        int mode = stageReturn ? RESULT_NONE : this.hedged ? Math.max(resultMode, RESULT_VALUE) : resultMode;
        this.resultMode = returnType.getSort() == Type.VOID ? RESULT_NONE : mode;
    }

    /** True when the method has a body this weaver can wrap. */
    static boolean canWeave(MethodNode m) {
        if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE
                | Opcodes.ACC_SYNTHETIC)) != 0) {
            return false;
        }
        if (m.name.equals("<init>") || m.name.equals("<clinit>") || m.instructions.size() == 0) {
            return false;
        }
        for (AbstractInsnNode insn : m.instructions) {
            int op = insn.getOpcode();
            if (op == Opcodes.JSR || op == Opcodes.RET) {
                return false;   // pre-Java-6 subroutines: no frames can describe a loop around them
            }
        }
        return true;
    }

    /**
     * @param frames whether the class carries stack map frames (class version 50 and up)
     * @param resultMode how returns report their value ({@link #RESULT_NONE}: the success call)
     * @param hedged the site's target has {@code hedge:}: its entry passes the arguments
     * @param stageReturn a method whose returned stage's outcome is healed: at each return
     *     {@code return (T) Healing.stageReturned(site, ctx, this, value, args[])} stands instead of
     *     {@code Healing.success(site, ctx)}; such a method is woven without on-result and hedge
     */
    static void weave(String owner, MethodNode m, int site, boolean frames, int resultMode, boolean hedged,
            boolean stageReturn) {
        new MethodWeaver(owner, m, site, frames, resultMode, hedged, stageReturn).weave();
    }

    private void weave() {
        LabelNode start = new LabelNode();
        List<LabelNode[]> ranges = new ArrayList<>();

        extendOriginalFrames();
        LabelNode rangeStart = start;
        handlerLabel = new LabelNode();
        retryLabel = new LabelNode();
        returnStubLabel = new LabelNode();
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; ) {
            AbstractInsnNode next = insn.getNext();
            int op = insn.getOpcode();
            if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
                LabelNode rangeEnd = new LabelNode();
                InsnList before = new InsnList();
                before.add(rangeEnd);
                if (stageReturn && op == Opcodes.ARETURN) {
                    before.add(stageReturned());
                } else if (resultMode != RESULT_NONE) {
                    before.add(returnedCall());
                } else {
                    before.add(push(site));
                    before.add(new VarInsnNode(Opcodes.ALOAD, ctx));
                    before.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HEALING, "success",
                            "(ILjava/lang/Object;)V", false));
                }
                m.instructions.insertBefore(insn, before);
                ranges.add(new LabelNode[] {rangeStart, rangeEnd});
                rangeStart = new LabelNode();
                m.instructions.insert(insn, rangeStart);
                if (resultMode != RESULT_NONE) {
                    m.instructions.remove(insn);   // replaced by the jump to the return stub
                }
            }
            insn = next;
        }
        LabelNode bodyEnd = new LabelNode();
        m.instructions.add(bodyEnd);
        ranges.add(new LabelNode[] {rangeStart, bodyEnd});

        m.instructions.insert(prologue(start));
        m.instructions.add(handler(start));
        if (resultMode != RESULT_NONE) {
            m.instructions.add(returnStub());
        }

        for (LabelNode[] r : ranges) {
            if (hasCode(r[0], r[1])) {
                m.tryCatchBlocks.add(new TryCatchBlockNode(r[0], r[1], handlerLabel, THROWABLE));
            }
        }
        m.maxLocals = thrown + 1;
        m.maxStack = Math.max(m.maxStack + (stageReturn ? 8 : 2), 10);
    }

    private LabelNode handlerLabel;
    /** In the handler: {@code ctx = tmp}, this and the arguments restored, back to the start. */
    private LabelNode retryLabel;

    /** Where the returns of a value-passing site jump: after the handler, outside every try range. */
    private LabelNode returnStubLabel;

    /**
     * In place of a return of the value on the stack: hands it to Healing.returned and jumps to the
     * return stub with the answer in {@code tmp}. Outside our catch range, as the success call is; it
     * may sit inside one of the method's own try ranges, so it has no branch target of its own (a
     * frame there would have to know the method's locals, which the handler of that range may need).
     */
    private InsnList returnedCall() {
        InsnList l = new InsnList();
        box(returnType, l);
        l.add(new VarInsnNode(Opcodes.ASTORE, tmp));
        l.add(push(site));
        l.add(new VarInsnNode(Opcodes.ALOAD, ctx));
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        l.add(self());
        if (resultMode == RESULT_VALUE_AND_ARGUMENTS) {
            l.add(argumentArray());
        } else {
            l.add(new InsnNode(Opcodes.ACONST_NULL));
        }
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HEALING, "returned",
                "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false));
        l.add(new VarInsnNode(Opcodes.ASTORE, tmp));
        l.add(new JumpInsnNode(Opcodes.GOTO, returnStubLabel));
        return l;   // the original return instruction is removed: the code after it was unreachable already
    }

    /** {@code if (tmp instanceof Retry) goto retry; return (T) tmp}, reached only from the returns. */
    private InsnList returnStub() {
        InsnList l = new InsnList();
        LabelNode accept = new LabelNode();
        l.add(returnStubLabel);
        l.add(frame(unknownLocals(), true, false, null));
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        l.add(new TypeInsnNode(Opcodes.INSTANCEOF, RETRY));
        l.add(new JumpInsnNode(Opcodes.IFEQ, accept));
        l.add(new JumpInsnNode(Opcodes.GOTO, retryLabel));
        l.add(accept);
        l.add(frame(unknownLocals(), true, false, null));
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        unboxOrCast(l);
        l.add(new InsnNode(returnType.getOpcode(Opcodes.IRETURN)));
        return l;
    }

    // ------------------------------------------------------------------ prologue

    private InsnList prologue(LabelNode start) {
        InsnList p = new InsnList();
        if (!isStatic) {
            p.add(new VarInsnNode(Opcodes.ALOAD, 0));
            p.add(new VarInsnNode(Opcodes.ASTORE, selfCopy));
        }
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < argTypes.length; i++) {
            p.add(new VarInsnNode(argTypes[i].getOpcode(Opcodes.ILOAD), slot));
            p.add(new VarInsnNode(argTypes[i].getOpcode(Opcodes.ISTORE), argCopies[i]));
            slot += argTypes[i].getSize();
        }
        p.add(push(site));
        p.add(self());
        if (hedged) {
            p.add(argumentArray());
            p.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HEALING, "enterHedged",
                    "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false));
        } else {
            p.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HEALING, "enter",
                    "(ILjava/lang/Object;)Ljava/lang/Object;", false));
        }
        p.add(new VarInsnNode(Opcodes.ASTORE, ctx));
        p.add(new VarInsnNode(Opcodes.ALOAD, ctx));
        p.add(marker("SHORT_CIRCUIT"));
        p.add(new JumpInsnNode(Opcodes.IF_ACMPNE, start));

        LabelNode answered = new LabelNode();
        p.add(shortCircuitCall(false));
        p.add(new VarInsnNode(Opcodes.ASTORE, tmp));
        p.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        p.add(marker("NEEDS_ARGUMENTS"));
        p.add(new JumpInsnNode(Opcodes.IF_ACMPNE, answered));
        p.add(shortCircuitCall(true));
        p.add(new VarInsnNode(Opcodes.ASTORE, tmp));
        p.add(answered);
        p.add(frame(declaredLocals(), true, false, null));
        p.add(injection(start));
        p.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        p.add(marker("PROCEED"));
        p.add(new JumpInsnNode(Opcodes.IF_ACMPEQ, start));
        p.add(returnTmp());

        p.add(start);
        p.add(frame(declaredLocals(), false, false, null));
        // A frame may already stand at the body's first instruction (a loop at the top of the
        // method); two frames at one offset are invalid, so the body starts one NOP later.
        p.add(new InsnNode(Opcodes.NOP));
        return p;
    }

    /**
     * A drill's fault, on the short-circuit path only: {@code if (tmp instanceof Injection) { ctx =
     * tmp.token; if (tmp.fault == null) goto start; goto handler with tmp.fault }}. The handler's
     * label is made in {@link #weave()} before the prologue and the handler are built.
     */
    private InsnList injection(LabelNode start) {
        InsnList l = new InsnList();
        LabelNode notInjected = new LabelNode();
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        l.add(new TypeInsnNode(Opcodes.INSTANCEOF, INJECTION));
        l.add(new JumpInsnNode(Opcodes.IFEQ, notInjected));
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        l.add(new TypeInsnNode(Opcodes.CHECKCAST, INJECTION));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, INJECTION, "token", "Ljava/lang/Object;"));
        l.add(new VarInsnNode(Opcodes.ASTORE, ctx));
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        l.add(new TypeInsnNode(Opcodes.CHECKCAST, INJECTION));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, INJECTION, "fault", "Ljava/lang/Throwable;"));
        l.add(new JumpInsnNode(Opcodes.IFNULL, start));
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        l.add(new TypeInsnNode(Opcodes.CHECKCAST, INJECTION));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, INJECTION, "fault", "Ljava/lang/Throwable;"));
        l.add(new JumpInsnNode(Opcodes.GOTO, handlerLabel));
        l.add(notInjected);
        l.add(frame(declaredLocals(), true, false, null));
        return l;
    }

    /**
     * With the returned stage on the stack: {@code (T) Healing.stageReturned(site, ctx, this, value,
     * args[])}, the stage the caller gets. No branch, so no frame: {@code tmp} holds the value only
     * between two adjacent instructions.
     */
    private InsnList stageReturned() {
        InsnList l = new InsnList();
        l.add(new VarInsnNode(Opcodes.ASTORE, tmp));
        l.add(push(site));
        l.add(new VarInsnNode(Opcodes.ALOAD, ctx));
        l.add(self());
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        l.add(argumentArray());
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HEALING, "stageReturned",
                "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;",
                false));
        l.add(new TypeInsnNode(Opcodes.CHECKCAST, returnType.getInternalName()));
        return l;
    }

    private InsnList shortCircuitCall(boolean withArguments) {
        InsnList l = new InsnList();
        l.add(push(site));
        l.add(self());
        if (withArguments) {
            l.add(argumentArray());
        } else {
            l.add(new InsnNode(Opcodes.ACONST_NULL));
        }
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HEALING, "shortCircuit",
                "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false));
        return l;
    }

    // ------------------------------------------------------------------ handler

    private InsnList handler(LabelNode start) {
        InsnList h = new InsnList();
        LabelNode notRetry = new LabelNode();
        LabelNode value = new LabelNode();
        h.add(handlerLabel);
        h.add(frame(unknownLocals(), false, false, THROWABLE));
        h.add(new VarInsnNode(Opcodes.ASTORE, thrown));
        h.add(push(site));
        h.add(new VarInsnNode(Opcodes.ALOAD, ctx));
        h.add(self());
        h.add(new VarInsnNode(Opcodes.ALOAD, thrown));
        h.add(argumentArray());
        h.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HEALING, "failure",
                "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;[Ljava/lang/Object;)Ljava/lang/Object;",
                false));
        h.add(new VarInsnNode(Opcodes.ASTORE, tmp));
        h.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        h.add(new TypeInsnNode(Opcodes.INSTANCEOF, RETRY));
        h.add(new JumpInsnNode(Opcodes.IFEQ, notRetry));
        if (resultMode != RESULT_NONE) {
            h.add(retryLabel);   // also reached from the returns, where no throwable is held
            h.add(frame(unknownLocals(), true, false, null));
        }
        h.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        h.add(new VarInsnNode(Opcodes.ASTORE, ctx));
        if (!isStatic) {
            h.add(new VarInsnNode(Opcodes.ALOAD, selfCopy));
            h.add(new VarInsnNode(Opcodes.ASTORE, 0));
        }
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < argTypes.length; i++) {
            h.add(new VarInsnNode(argTypes[i].getOpcode(Opcodes.ILOAD), argCopies[i]));
            h.add(new VarInsnNode(argTypes[i].getOpcode(Opcodes.ISTORE), slot));
            slot += argTypes[i].getSize();
        }
        h.add(new JumpInsnNode(Opcodes.GOTO, start));

        h.add(notRetry);
        h.add(frame(unknownLocals(), true, true, null));
        h.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        h.add(marker("RETHROW"));
        h.add(new JumpInsnNode(Opcodes.IF_ACMPNE, value));
        h.add(new VarInsnNode(Opcodes.ALOAD, thrown));
        h.add(new InsnNode(Opcodes.ATHROW));
        h.add(value);
        h.add(frame(unknownLocals(), true, true, null));
        h.add(returnTmp());
        return h;
    }

    // ------------------------------------------------------------------ pieces

    private AbstractInsnNode self() {
        return isStatic ? new InsnNode(Opcodes.ACONST_NULL) : new VarInsnNode(Opcodes.ALOAD, selfCopy);
    }

    private static AbstractInsnNode marker(String name) {
        return new FieldInsnNode(Opcodes.GETSTATIC, HEALING, name, "Ljava/lang/Object;");
    }

    private static AbstractInsnNode push(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }

    /** {@code new Object[] {arg0, arg1, ...}} from the copies, primitives boxed. */
    private InsnList argumentArray() {
        InsnList l = new InsnList();
        l.add(push(argTypes.length));
        l.add(new TypeInsnNode(Opcodes.ANEWARRAY, OBJECT));
        for (int i = 0; i < argTypes.length; i++) {
            l.add(new InsnNode(Opcodes.DUP));
            l.add(push(i));
            l.add(new VarInsnNode(argTypes[i].getOpcode(Opcodes.ILOAD), argCopies[i]));
            box(argTypes[i], l);
            l.add(new InsnNode(Opcodes.AASTORE));
        }
        return l;
    }

    private static void box(Type t, InsnList l) {
        String boxed = boxedName(t);
        if (boxed != null) {
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, boxed, "valueOf",
                    "(" + t.getDescriptor() + ")L" + boxed + ";", false));
        }
    }

    /** {@code return (T) tmp}, unboxing primitives. */
    private InsnList returnTmp() {
        InsnList l = new InsnList();
        if (returnType.getSort() == Type.VOID) {
            l.add(new InsnNode(Opcodes.RETURN));
            return l;
        }
        l.add(new VarInsnNode(Opcodes.ALOAD, tmp));
        unboxOrCast(l);
        l.add(new InsnNode(returnType.getOpcode(Opcodes.IRETURN)));
        return l;
    }

    /** The Object on the stack as the return type: unboxed, or cast. */
    private void unboxOrCast(InsnList l) {
        String boxed = boxedName(returnType);
        if (boxed != null) {
            l.add(new TypeInsnNode(Opcodes.CHECKCAST, boxed));
            l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, boxed, returnType.getClassName() + "Value",
                    "()" + returnType.getDescriptor(), false));
        } else if (!returnType.getInternalName().equals(OBJECT)) {
            l.add(new TypeInsnNode(Opcodes.CHECKCAST, returnType.getInternalName()));
        }
    }

    private static String boxedName(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: return "java/lang/Boolean";
            case Type.BYTE: return "java/lang/Byte";
            case Type.CHAR: return "java/lang/Character";
            case Type.SHORT: return "java/lang/Short";
            case Type.INT: return "java/lang/Integer";
            case Type.LONG: return "java/lang/Long";
            case Type.FLOAT: return "java/lang/Float";
            case Type.DOUBLE: return "java/lang/Double";
            default: return null;
        }
    }

    private static boolean hasCode(LabelNode from, LabelNode to) {
        for (AbstractInsnNode i = from.getNext(); i != null && i != to; i = i.getNext()) {
            if (i.getOpcode() >= 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ frames

    /** The locals the method starts with: this (if any) and the parameters, as declared. */
    private List<Object> declaredLocals() {
        List<Object> l = new ArrayList<>();
        if (!isStatic) {
            l.add(owner);
        }
        for (Type t : argTypes) {
            l.add(frameType(t));
        }
        return l;
    }

    /** No original local known: the handler is reached from anywhere in the body. */
    private static List<Object> unknownLocals() {
        return new ArrayList<>();
    }

    /**
     * A frame with {@code base} for the original slots (padded with TOP), then our copies and
     * {@code ctx}, then {@code tmp} and {@code thrown} when they hold values.
     */
    private AbstractInsnNode frame(List<Object> base, boolean withTmp, boolean withThrown, String stackTop) {
        if (!frames) {
            return new LabelNode();   // nothing to write for a class without stack map frames
        }
        List<Object> locals = new ArrayList<>(base);
        padTo(locals, originalMaxLocals);
        locals.addAll(ownLocals());
        if (withTmp || withThrown) {
            locals.add(withTmp ? OBJECT : Opcodes.TOP);
        }
        if (withThrown) {
            locals.add(THROWABLE);
        }
        Object[] stack = stackTop == null ? new Object[0] : new Object[] {stackTop};
        return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.length, stack);
    }

    /** The copies of this and the arguments, and {@code ctx}. */
    private List<Object> ownLocals() {
        List<Object> l = declaredLocals();   // the copies have the declared types
        l.add(OBJECT);
        return l;
    }

    /** Every frame of the original body must now also describe our locals, live throughout it. */
    private void extendOriginalFrames() {
        if (!frames) {
            return;
        }
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof FrameNode f) {
                List<Object> locals = f.local == null ? new ArrayList<>() : new ArrayList<>(f.local);
                padTo(locals, originalMaxLocals);
                locals.addAll(ownLocals());
                f.local = locals;
            }
        }
    }

    private static void padTo(List<Object> locals, int slots) {
        int used = 0;
        for (Object o : locals) {
            used += (o == Opcodes.LONG || o == Opcodes.DOUBLE) ? 2 : 1;
        }
        while (used < slots) {
            locals.add(Opcodes.TOP);
            used++;
        }
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return t.getInternalName();
        }
    }
}
