package io.selfheal.runtime.engine;

import java.util.ArrayList;
import java.util.List;

/** Turns JVM descriptors into classes, resolved in a given (the woven class's) class loader. */
final class Types {
    private Types() {
    }

    static Class<?> forDescriptor(String d, ClassLoader loader) throws ClassNotFoundException {
        switch (d.charAt(0)) {
            case 'V': return void.class;
            case 'Z': return boolean.class;
            case 'B': return byte.class;
            case 'C': return char.class;
            case 'S': return short.class;
            case 'I': return int.class;
            case 'J': return long.class;
            case 'F': return float.class;
            case 'D': return double.class;
            case 'L': return Class.forName(d.substring(1, d.length() - 1).replace('/', '.'), false, loader);
            case '[': return Class.forName(d.replace('/', '.'), false, loader);
            default: throw new ClassNotFoundException("bad descriptor " + d);
        }
    }

    /** The parameter descriptors of a method descriptor, in order. */
    /** The classes of a method descriptor's parameters, resolved in {@code loader}. */
    static Class<?>[] parameterTypes(String methodDescriptor, ClassLoader loader) throws ClassNotFoundException {
        List<String> params = parameterDescriptors(methodDescriptor);
        Class<?>[] types = new Class<?>[params.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = forDescriptor(params.get(i), loader);
        }
        return types;
    }

    static List<String> parameterDescriptors(String methodDescriptor) {
        List<String> out = new ArrayList<>();
        int i = 1;
        while (methodDescriptor.charAt(i) != ')') {
            int start = i;
            while (methodDescriptor.charAt(i) == '[') {
                i++;
            }
            if (methodDescriptor.charAt(i) == 'L') {
                i = methodDescriptor.indexOf(';', i);
            }
            i++;
            out.add(methodDescriptor.substring(start, i));
        }
        return out;
    }

    static String returnDescriptor(String methodDescriptor) {
        return methodDescriptor.substring(methodDescriptor.indexOf(')') + 1);
    }

    /** The boxed class for a primitive, else the class itself. */
    static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) return Integer.class;
        if (c == long.class) return Long.class;
        if (c == boolean.class) return Boolean.class;
        if (c == double.class) return Double.class;
        if (c == float.class) return Float.class;
        if (c == short.class) return Short.class;
        if (c == byte.class) return Byte.class;
        if (c == char.class) return Character.class;
        return Void.class;
    }
}
