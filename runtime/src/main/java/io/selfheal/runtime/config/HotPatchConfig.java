package io.selfheal.runtime.config;

/**
 * Top-level {@code hot-patch:}. {@code directory} is watched for patch jars (none: nothing is
 * watched); {@code require-signature} (default true) accepts only jars signed whole by a
 * certificate in {@code truststore}; {@code reapply-on-restart} records applied patches in the
 * state directory and applies them again at the next start. {@code max-jar-mb} bounds both a
 * patch jar's size on disk and what its entries unpack to (a zip bomb must not fill the heap),
 * {@code max-jar-entries} the number of its entries; a patch is a few classes, so the defaults
 * are generous.
 */
public record HotPatchConfig(String directory, boolean requireSignature, TruststoreConfig truststore,
        boolean reapplyOnRestart, int maxJarMb, int maxJarEntries) {

    public static final int DEFAULT_MAX_JAR_MB = 16;
    public static final int DEFAULT_MAX_JAR_ENTRIES = 10_000;
    public static final HotPatchConfig DEFAULT = new HotPatchConfig(null, true, null, false, DEFAULT_MAX_JAR_MB,
            DEFAULT_MAX_JAR_ENTRIES);

    /** {@code truststore: { path, password-env }}: a KeyStore file and the variable holding its password. */
    public record TruststoreConfig(String path, String passwordEnv) {
        static TruststoreConfig read(Section s) {
            String path = s.requiredString("path");
            String passwordEnv = s.string("password-env", null);
            s.rejectUnknownKeys("key");
            return new TruststoreConfig(path, passwordEnv);
        }
    }

    static HotPatchConfig read(Section s) {
        if (!s.isPresent()) {
            return DEFAULT;
        }
        String directory = s.string("directory", null);
        boolean requireSignature = s.bool("require-signature", true);
        Section trust = s.section("truststore"); // read even when absent: it is a known key
        TruststoreConfig truststore = trust.isPresent() ? TruststoreConfig.read(trust) : null;
        boolean reapply = s.bool("reapply-on-restart", false);
        int maxJarMb = s.integer("max-jar-mb", DEFAULT_MAX_JAR_MB, 1, 1024);
        int maxJarEntries = s.integer("max-jar-entries", DEFAULT_MAX_JAR_ENTRIES, 1, 1_000_000);
        if (requireSignature && truststore == null && (directory != null || s.has("reapply-on-restart"))) {
            s.problem("truststore", "require-signature is true (the default), so a truststore"
                    + " { path, password-env } is needed to accept any patch; or set require-signature: false");
        }
        s.rejectUnknownKeys("key");
        return new HotPatchConfig(directory, requireSignature, truststore, reapply, maxJarMb, maxJarEntries);
    }
}
