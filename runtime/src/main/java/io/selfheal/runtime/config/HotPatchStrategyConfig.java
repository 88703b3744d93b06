package io.selfheal.runtime.config;

/**
 * A target's {@code hot-patch: { jar, on: [...] }}: a staged patch applied the first time the
 * target fails with a matching exception. The failing call then goes on through the rest of the
 * chain; later calls run the patched code.
 */
public record HotPatchStrategyConfig(String jar, ExceptionFilter filter) {

    @ConfigKey.Doc("the patch jar, relative to the JVM's working directory")
    static final ConfigKey JAR = ConfigKey.string("jar", null).required();
    static final java.util.List<ConfigKey> KEYS = ConfigKey.join(java.util.List.of(JAR), ExceptionFilter.KEYS);

    static HotPatchStrategyConfig read(Section s) {
        String jar = s.requiredString(JAR);
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key", KEYS);
        return new HotPatchStrategyConfig(jar, filter);
    }
}
