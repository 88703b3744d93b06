package io.selfheal.agent.patch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/** Compiles one class from source text for the tests and returns its class file. */
final class Javac {
    private Javac() {
    }

    static byte[] compile(Path work, String className, String source) throws IOException {
        Path src = Files.createTempDirectory(work, "src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path out = Files.createTempDirectory(work, "out");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "--release", "17", "-d",
                out.toString(), src.toString());
        if (rc != 0) {
            throw new AssertionError(errors.toString(StandardCharsets.UTF_8));
        }
        return Files.readAllBytes(out.resolve(className.replace('.', '/') + ".class"));
    }
}
