package io.selfheal.agent.weave;

import io.selfheal.runtime.config.CheckpointsConfig;
import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.AsyncReturn;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.state.Checkpoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weaves the methods of one class that its targets select. Each woven method becomes a site of
 * the engine. A method that would grow past the JVM's 64 KiB limit is left as it was. A class
 * named in {@code checkpoints.state} also has its constructors report new instances.
 */
public final class ClassWeaver {
    private final HealingEngine engine;
    private final FallbackChecker fallbackChecker;
    private final OnResultChecker onResultChecker;
    private final StateChecker stateChecker;
    private final LateConfigChecks lateChecks;
    private final FutureLikeReturns futureLikeReturns;

    public ClassWeaver(HealingEngine engine) {
        this(engine, new LateConfigChecks(engine.events()));
    }

    /** @param lateChecks where woven targets are recorded, for the report of those that matched nothing */
    public ClassWeaver(HealingEngine engine, LateConfigChecks lateChecks) {
        this.engine = engine;
        WeaveProblems problems = new WeaveProblems(engine.events());
        this.fallbackChecker = new FallbackChecker(problems);
        this.onResultChecker = new OnResultChecker(problems);
        this.stateChecker = new StateChecker(problems);
        this.futureLikeReturns = new FutureLikeReturns(problems);
        this.lateChecks = lateChecks;
    }

    /** @return the woven class file, or {@code null} when nothing in it was selected */
    public byte[] weave(byte[] classFile, ClassLoader loader, List<TargetConfig> targets) {
        if (engine.checkpoints() == null && !mayCarryAnnotations(classFile, targets)) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        if ((reader.getAccess() & (Opcodes.ACC_ANNOTATION | Opcodes.ACC_MODULE)) != 0) {
            return null;
        }
        Set<String> tooLarge = new HashSet<>();
        while (true) {
            ClassNode cls = new ClassNode();
            reader.accept(cls, ClassReader.EXPAND_FRAMES);
            boolean frames = (cls.version & 0xFFFF) >= Opcodes.V1_6;
            String className = cls.name.replace('/', '.');
            List<String> woven = new ArrayList<>();
            List<String> targetNames = new ArrayList<>();
            for (MethodNode m : cls.methods) {
                if (!MethodWeaver.canWeave(m) || tooLarge.contains(m.name + m.desc)) {
                    continue;
                }
                TargetConfig target = firstSelecting(targets, m);
                if (target == null) {
                    continue;
                }
                List<FallbackEntry> usable = fallbackChecker.usable(target, className, m.name, m.desc, loader);
                int site = engine.registerSite(target.name(), className, m.name, m.desc, loader, usable);
                enableRestore(target, cls, m, site, loader);
                boolean stageReturn = AsyncReturn.healsOutcome(m.desc);
                if (!stageReturn) {
                    futureLikeReturns.check(target, className, m, loader);
                }
                OnResultChecker.Decision onResult = stageReturn ? OnResultChecker.Decision.NONE
                        : onResultChecker.decide(target, className, m.name, m.desc, loader, usable);
                int resultMode = onResult.resultMode();
                if (resultMode != MethodWeaver.RESULT_NONE) {
                    engine.enableResultCheck(site, onResult.predicateUsable());
                }
                MethodWeaver.weave(cls.name, m, site, frames, resultMode, target.hedge() != null, stageReturn);
                lateChecks.woven(target, loader);
                woven.add(m.name + m.desc);
                if (!targetNames.contains(target.name())) {
                    targetNames.add(target.name());
                }
            }
            boolean tracked = trackInstances(cls, className, loader, tooLarge);
            if (woven.isEmpty() && !tracked) {
                return null;
            }
            try {
                ClassWriter writer = new ClassWriter(0);
                cls.accept(writer);
                byte[] out = writer.toByteArray();
                engine.events().publish(Event.of(EventType.TARGET_WOVEN)
                        .with("target", targetNames.isEmpty() ? null : String.join(",", targetNames))
                        .with("class", className).with("methods", woven)
                        .with("checkpointInstances", tracked ? Boolean.TRUE : null));
                return out;
            } catch (MethodTooLargeException e) {
                tooLarge.add(e.getMethodName() + e.getDescriptor());
                engine.events().publish(Event.of(EventType.CONFIG_PROBLEM).with("class", className)
                        .with("method", e.getMethodName())
                        .message("method too large to weave (the JVM's 64 KiB limit); left unwoven"));
            }
        }
    }

    /** {@code restore:} for one woven method, with the fields that exist (see {@link StateChecker}). */
    private void enableRestore(TargetConfig target, ClassNode cls, MethodNode m, int site, ClassLoader loader) {
        if (target.restore() == null) {
            return;
        }
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        List<String> fields = stateChecker.restoreFields(target.name(), target.restore(), cls, m.name, isStatic, loader);
        if (fields != null) {
            engine.enableRestore(site, fields);
        }
    }

    /**
     * Registers a class named in {@code checkpoints.state} and, when it has instance fields to
     * checkpoint, hooks its constructors so the agent sees its instances.
     *
     * @return true when constructors were changed
     */
    private boolean trackInstances(ClassNode cls, String className, ClassLoader loader, Set<String> tooLarge) {
        Checkpoints checkpoints = engine.checkpoints();
        if (checkpoints == null) {
            return false;
        }
        for (CheckpointsConfig.State state : checkpoints.config().state()) {
            if (!state.className().equals(className)) {
                continue;
            }
            List<StateChecker.Found> found = stateChecker.checkpointFields(state.fields(), cls, loader);
            if (found.isEmpty()) {
                return false;
            }
            List<String> names = new ArrayList<>();
            boolean instanceFields = false;
            for (StateChecker.Found f : found) {
                names.add(f.name());
                instanceFields |= !f.isStatic();
            }
            int id = checkpoints.classWoven(className, loader, names);
            boolean hooked = false;
            if (instanceFields) {
                for (MethodNode m : cls.methods) {
                    if (!tooLarge.contains(m.name + m.desc)) {
                        hooked |= ConstructorHook.hook(m, id);
                    }
                }
            }
            return hooked;
        }
        return false;
    }

    private static TargetConfig firstSelecting(List<TargetConfig> targets, MethodNode m) {
        for (TargetConfig t : targets) {
            if (t.selects(m.name, m.desc) && carries(m, t.selectors().annotationDescriptor())) {
                return t;
            }
        }
        return null;
    }

    /** {@code annotated:}: the method carries the annotation, kept at run time or in the class file only. */
    private static boolean carries(MethodNode m, String annotationDescriptor) {
        return annotationDescriptor == null || carries(m.visibleAnnotations, annotationDescriptor)
                || carries(m.invisibleAnnotations, annotationDescriptor);
    }

    private static boolean carries(List<AnnotationNode> annotations, String descriptor) {
        if (annotations != null) {
            for (AnnotationNode a : annotations) {
                if (descriptor.equals(a.desc)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * False when every target chooses methods by an annotation whose name is nowhere in the class
     * file: no method can carry it, and the class need not be read in full. A name found may be a
     * mere reference: then the class is read and its methods asked.
     */
    private static boolean mayCarryAnnotations(byte[] classFile, List<TargetConfig> targets) {
        if (targets.isEmpty()) {
            return true;
        }
        for (TargetConfig t : targets) {
            String descriptor = t.selectors().annotationDescriptor();
            if (descriptor == null || contains(classFile, descriptor)) {
                return true;
            }
        }
        return false;
    }

    /** The constant pool holds names in (modified) UTF-8: an ASCII name is its own bytes. */
    private static boolean contains(byte[] haystack, String ascii) {
        int n = ascii.length();
        for (int j = 0; j < n; j++) {
            if (ascii.charAt(j) > 0x7F) {
                return true;   // not plain ASCII: cannot tell from the bytes, so read the class
            }
        }
        outer:
        for (int i = 0; i + n <= haystack.length; i++) {
            for (int j = 0; j < n; j++) {
                if (haystack[i + j] != (byte) ascii.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
