package io.selfheal.runtime.config;

/**
 * A target's {@code hot-patch: { jar, on: [...] }}: a staged patch applied the first time the
 * target fails with a matching exception. The failing call then goes on through the rest of the
 * chain; later calls run the patched code.
 */
public record HotPatchStrategyConfig(String jar, ExceptionFilter filter) {

    static HotPatchStrategyConfig read(Section s) {
        String jar = s.requiredString("jar");
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key");
        return new HotPatchStrategyConfig(jar, filter);
    }
}
