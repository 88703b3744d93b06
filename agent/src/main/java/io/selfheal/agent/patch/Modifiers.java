package io.selfheal.agent.patch;

import java.lang.reflect.Modifier;
import org.objectweb.asm.Opcodes;

/** Readable class-file access flags for rejection reasons ({@code public static final}). */
final class Modifiers {
    private Modifiers() {
    }

    static String ofClass(int access) {
        return describe(access & ~Opcodes.ACC_SUPER & ~Opcodes.ACC_SYNCHRONIZED, (access & Opcodes.ACC_INTERFACE) != 0
                ? "" : (access & Opcodes.ACC_ENUM) != 0 ? "enum" : "class");
    }

    static String ofField(int access) {
        return describe(access, "");
    }

    static String ofMethod(int access) {
        return describe(access & ~Opcodes.ACC_VOLATILE & ~Opcodes.ACC_TRANSIENT,
                (access & Opcodes.ACC_VARARGS) != 0 ? "varargs" : "");
    }

    private static String describe(int access, String extra) {
        String s = Modifier.toString(access & 0xFFF);
        if ((access & Opcodes.ACC_SYNTHETIC) != 0) {
            s += " synthetic";
        }
        if (!extra.isEmpty()) {
            s += " " + extra;
        }
        s = s.strip();
        return s.isEmpty() ? "package-private" : s;
    }
}
