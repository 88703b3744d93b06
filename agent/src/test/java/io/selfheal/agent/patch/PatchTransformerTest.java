package io.selfheal.agent.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.agent.patch.fixture.Sample;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.patch.PatchOutcome;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The transformer order with real Instrumentation: a transformer registered after the patch
 * transformer (as the weaving one is) sees the patch bytes at the redefinition and at every later
 * retransformation, so the patch survives them; a rollback brings the original back.
 */
class PatchTransformerTest {
    private static final String NAME = "io/selfheal/agent/patch/fixture/Sample";
    private final Instrumentation inst = ByteBuddyAgent.install();
    private final PatchTransformer patches = new PatchTransformer();
    private final List<String> seenByLaterTransformer = new ArrayList<>();
    private final ClassFileTransformer later = new ClassFileTransformer() {
        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd,
                byte[] bytes) {
            if (NAME.equals(className)) {
                seenByLaterTransformer.add(constantOf(bytes));
            }
            return null;
        }
    };

    @TempDir
    Path dir;

    @AfterEach
    void removeTransformers() {
        inst.removeTransformer(later);
        inst.removeTransformer(patches);
    }

    @Test
    void aPatchSurvivesRetransformationAndLaterTransformersSeeItsBytes() throws Exception {
        Sample sample = new Sample();
        assertEquals("original", sample.value());
        inst.addTransformer(patches, true);
        inst.addTransformer(later, true);
        List<Event> events = new ArrayList<>();
        PatchManager manager = new PatchManager(inst, patches, SignatureVerifier.notRequired(),
                new PatchJar.Limits(16, 10_000), events::add, null);

        byte[] fixed = Javac.compile(dir, "io.selfheal.agent.patch.fixture.Sample", """
                package io.selfheal.agent.patch.fixture;
                public class Sample {
                    public String value() {
                        return "patched";
                    }
                }""");
        Path jar = dir.resolve("fix.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry(NAME + ".class"));
            out.write(fixed);
            out.closeEntry();
        }
        PatchOutcome applied = manager.apply(jar, "test");
        assertTrue(applied.done(), applied.message());
        assertEquals("patched", sample.value());

        seenByLaterTransformer.clear();
        inst.retransformClasses(Sample.class);
        assertEquals("patched", sample.value());
        assertEquals(List.of("patched"), seenByLaterTransformer);

        PatchOutcome rolledBack = manager.rollback(applied.id(), "test");
        assertTrue(rolledBack.done(), rolledBack.message());
        assertEquals("original", sample.value());
        seenByLaterTransformer.clear();
        inst.retransformClasses(Sample.class);
        assertEquals("original", sample.value());
        assertEquals(List.of("original"), seenByLaterTransformer);

        // once more: the check must compare with the original, not the stale class file HotSpot cached
        assertTrue(manager.apply(jar, "test").done());
        assertEquals("patched", sample.value());
        assertTrue(manager.rollback(applied.id(), "test").done());
        inst.retransformClasses(Sample.class);
        assertEquals("original", sample.value());
        assertEquals(List.of("patch-applied", "patch-rolled-back", "patch-applied", "patch-rolled-back"),
                events.stream().map(e -> e.type().wireName()).toList());
    }

    /** The string constant {@code value()} returns. */
    private static String constantOf(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        for (MethodNode m : node.methods) {
            if (m.name.equals("value")) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof LdcInsnNode ldc) {
                        return String.valueOf(ldc.cst);
                    }
                }
            }
        }
        return null;
    }
}
