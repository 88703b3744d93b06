package io.selfheal.agent.weave;

import io.selfheal.runtime.config.FallbackEntry;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weaves the methods of one class that its targets select. Each woven method becomes a site of
 * the engine. A method that would grow past the JVM's 64 KiB limit is left as it was.
 */
public final class ClassWeaver {
    private final HealingEngine engine;
    private final FallbackChecker fallbackChecker;
    private final LateConfigChecks lateChecks;

    public ClassWeaver(HealingEngine engine) {
        this.engine = engine;
        this.fallbackChecker = new FallbackChecker(engine);
        this.lateChecks = new LateConfigChecks(engine);
    }

    /** Reports (stderr and events) the targets that wove nothing so far; called at shutdown. */
    public void reportTargetsThatMatchedNothing(java.util.Collection<TargetConfig> targets) {
        lateChecks.reportTargetsThatMatchedNothing(targets);
    }

    /** @return the woven class file, or {@code null} when nothing in it was selected */
    public byte[] weave(byte[] classFile, ClassLoader loader, List<TargetConfig> targets) {
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
                MethodWeaver.weave(cls.name, m, site, frames);
                lateChecks.woven(target, loader);
                woven.add(m.name + m.desc);
                if (!targetNames.contains(target.name())) {
                    targetNames.add(target.name());
                }
            }
            if (woven.isEmpty()) {
                return null;
            }
            try {
                ClassWriter writer = new ClassWriter(0);
                cls.accept(writer);
                byte[] out = writer.toByteArray();
                engine.events().publish(Event.of(EventType.TARGET_WOVEN).with("target", String.join(",", targetNames))
                        .with("class", className).with("methods", woven));
                return out;
            } catch (MethodTooLargeException e) {
                tooLarge.add(e.getMethodName() + e.getDescriptor());
                engine.events().publish(Event.of(EventType.CONFIG_PROBLEM).with("class", className)
                        .with("method", e.getMethodName())
                        .message("method too large to weave (the JVM's 64 KiB limit); left unwoven"));
            }
        }
    }

    private static TargetConfig firstSelecting(List<TargetConfig> targets, MethodNode m) {
        for (TargetConfig t : targets) {
            if (t.selects(m.name, m.desc)) {
                return t;
            }
        }
        return null;
    }
}
