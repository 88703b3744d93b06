package io.selfheal.runtime.config;

import java.util.List;

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
        boolean reapplyOnRestart, int maxJarMb, int maxJarEntries, ProbationConfig probation) {

    /** Without a default probation. */
    public HotPatchConfig(String directory, boolean requireSignature, TruststoreConfig truststore,
            boolean reapplyOnRestart, int maxJarMb, int maxJarEntries) {
        this(directory, requireSignature, truststore, reapplyOnRestart, maxJarMb, maxJarEntries, null);
    }

    public static final int DEFAULT_MAX_JAR_MB = 16;
    public static final int DEFAULT_MAX_JAR_ENTRIES = 10_000;
    public static final HotPatchConfig DEFAULT = new HotPatchConfig(null, true, null, false, DEFAULT_MAX_JAR_MB,
            DEFAULT_MAX_JAR_ENTRIES);

    /** {@code truststore: { path, password-env }}: a KeyStore file and the variable holding its password. */
    public record TruststoreConfig(String path, String passwordEnv) {
        @ConfigKey.Doc("the trust store (a KeyStore file) whose certificates may sign patch jars")
        static final ConfigKey PATH = ConfigKey.string("path", null).required();
        @ConfigKey.Doc("the environment variable holding the trust store's password (never the password itself)")
        static final ConfigKey PASSWORD_ENV = ConfigKey.string("password-env", null);
        static final List<ConfigKey> KEYS = List.of(PATH, PASSWORD_ENV);

        /** @param check true: the store is opened here, as the agent will open it (see {@link TrustStoreCheck}) */
        static TruststoreConfig read(Section s, boolean check) {
            String path = s.requiredString(PATH);
            String passwordEnv = s.string(PASSWORD_ENV);
            s.rejectUnknownKeys("key", KEYS);
            if (check && path != null) {
                TrustStoreCheck.check(s, PATH, PASSWORD_ENV, path, passwordEnv);
            }
            return new TruststoreConfig(path, passwordEnv);
        }
    }

    @ConfigKey.Doc("watched for patch jars (polled every 500 ms); none: nothing is watched")
    static final ConfigKey DIRECTORY = ConfigKey.string("directory", null);
    @ConfigKey.Doc("true: only jars signed whole by a certificate in truststore are accepted")
    static final ConfigKey REQUIRE_SIGNATURE = ConfigKey.bool("require-signature", true);
    @ConfigKey.Doc("the certificates patch jars may be signed by; needed when signatures are required")
    static final ConfigKey TRUSTSTORE = ConfigKey.section("truststore", "HotPatchConfig$TruststoreConfig.KEYS", "none");
    @ConfigKey.Doc("record applied patches in <state-dir>/hot-patches/ and apply them again at the next start")
    static final ConfigKey REAPPLY_ON_RESTART = ConfigKey.bool("reapply-on-restart", false);
    @ConfigKey.Doc("MiB a patch jar may take on disk, and its entries unpacked")
    static final ConfigKey MAX_JAR_MB = ConfigKey.integer("max-jar-mb", DEFAULT_MAX_JAR_MB, 1, 1024);
    @ConfigKey.Doc("entries a patch jar may hold")
    static final ConfigKey MAX_JAR_ENTRIES = ConfigKey.integer("max-jar-entries", DEFAULT_MAX_JAR_ENTRIES, 1,
            1_000_000);
    @ConfigKey.Doc("the probation of every patch that brings none of its own: watched for a while after it is "
            + "applied, rolled back by itself when rollback-if holds (docs/hot-patching.md#probation)")
    static final ConfigKey PROBATION = ConfigKey.section("probation", "ProbationConfig.KEYS", "none");
    static final List<ConfigKey> KEYS = List.of(DIRECTORY, REQUIRE_SIGNATURE, TRUSTSTORE, REAPPLY_ON_RESTART,
            MAX_JAR_MB, MAX_JAR_ENTRIES, PROBATION);

    /**
     * @param onThisMachine true when the config is for this machine (a file read by the agent or
     *     {@code validate}): a trust store that signatures need is then opened and checked here
     */
    static HotPatchConfig read(Section s, boolean onThisMachine) {
        if (!s.isPresent()) {
            return DEFAULT;
        }
        String directory = s.string(DIRECTORY);
        boolean requireSignature = s.bool(REQUIRE_SIGNATURE);
        Section trust = s.section(TRUSTSTORE);
        TruststoreConfig truststore = trust.isPresent() ? TruststoreConfig.read(trust, onThisMachine && requireSignature)
                : null;
        boolean reapply = s.bool(REAPPLY_ON_RESTART);
        int maxJarMb = s.integer(MAX_JAR_MB);
        int maxJarEntries = s.integer(MAX_JAR_ENTRIES);
        ProbationConfig probation = s.has(PROBATION) ? ProbationConfig.read(s.section(PROBATION)) : null;
        if (requireSignature && truststore == null && (directory != null || s.has(REAPPLY_ON_RESTART))) {
            s.problem(TRUSTSTORE, "require-signature is true (the default), so a truststore"
                    + " { path, password-env } is needed to accept any patch; or set require-signature: false");
        }
        s.rejectUnknownKeys("key", KEYS);
        return new HotPatchConfig(directory, requireSignature, truststore, reapply, maxJarMb, maxJarEntries, probation);
    }
}
