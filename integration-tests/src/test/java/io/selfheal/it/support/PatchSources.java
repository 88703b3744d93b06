package io.selfheal.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sources of patched classes for {@code io.selfheal.it.apps.patch.PatchApp}, shared by the
 * hot-patch tests: good fixes, and the schema change and missing class they must refuse.
 */
public final class PatchSources {
    /** The package of the patch application's classes, with its trailing dot. */
    public static final String PKG = "io.selfheal.it.apps.patch.";

    /** {@code Greeter} fixed: greets with "hello". */
    public static final String GREETER_HELLO = """
            public class Greeter {
                public String greet(String name) {
                    return "hello " + name;
                }
            }""";

    /** {@code Greeter} greeting with "hi": a second fix, stacked on the first. */
    public static final String GREETER_HI = """
            public class Greeter {
                public String greet(String name) {
                    return "hi " + name;
                }
            }""";

    /** {@code Greeter} with a field and a method added: a schema change no JVM redefines. */
    public static final String GREETER_FIELD_AND_METHOD_ADDED = """
            public class Greeter {
                private int count;
                public String greet(String name) {
                    count++;
                    return "hello " + name;
                }
                public String shout(String name) {
                    return greet(name).toUpperCase();
                }
            }""";

    /** A class the application never loads. */
    public static final String NOT_LOADED_YET = """
            public class NotLoadedYet {
                public String value() {
                    return "patched";
                }
            }""";

    private PatchSources() {
    }

    /** Compiles {@code body}, a class of the patch application's package named {@code simpleName}. */
    public static Map<String, byte[]> compile(Path work, String simpleName, String body) throws IOException {
        return PatchJars.compile(work, Map.of(PKG + simpleName, "package io.selfheal.it.apps.patch;\n" + body + "\n"));
    }
}
