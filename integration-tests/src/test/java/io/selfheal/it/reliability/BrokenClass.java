package io.selfheal.it.reliability;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A hand-assembled class file (version 52) whose one method returns an int where its descriptor
 * promises an Object: well-formed, but the verifier must reject it.
 */
final class BrokenClass {
    private BrokenClass() {
    }

    static byte[] bytes(String internalName) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52);
            // constant pool: 1 Utf8 name, 2 Class #1, 3 Utf8 java/lang/Object, 4 Class #3,
            // 5 Utf8 "bad", 6 Utf8 "()Ljava/lang/Object;", 7 Utf8 "Code"
            out.writeShort(8);
            utf8(out, internalName);
            out.writeByte(7);
            out.writeShort(1);
            utf8(out, "java/lang/Object");
            out.writeByte(7);
            out.writeShort(3);
            utf8(out, "bad");
            utf8(out, "()Ljava/lang/Object;");
            utf8(out, "Code");
            out.writeShort(0x0021);   // public super
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0);        // interfaces
            out.writeShort(0);        // fields
            out.writeShort(1);        // methods
            out.writeShort(0x0009);   // public static
            out.writeShort(5);
            out.writeShort(6);
            out.writeShort(1);        // attributes: Code
            out.writeShort(7);
            byte[] code = {0x03, (byte) 0xB0};   // iconst_0; areturn
            out.writeInt(2 + 2 + 4 + code.length + 2 + 2);
            out.writeShort(1);        // max stack
            out.writeShort(0);        // max locals
            out.writeInt(code.length);
            out.write(code);
            out.writeShort(0);        // exception table
            out.writeShort(0);        // code attributes
            out.writeShort(0);        // class attributes
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s);
    }
}
