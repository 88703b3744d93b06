package io.selfheal.agent.patch;

import java.io.File;
import java.security.CodeSigner;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks that a patch jar is signed whole by a trusted certificate: every entry (but the
 * signature files themselves) carries a code signer, whose digest {@link JarFile} has checked
 * while the entry was read, and one certificate of each signer's chain is in the trust store.
 * With {@code require-signature: false} it accepts everything.
 */
public final class SignatureVerifier {
    private final boolean required;
    private final KeyStore trusted;
    private final String trustStoreProblem;

    private SignatureVerifier(boolean required, KeyStore trusted, String trustStoreProblem) {
        this.required = required;
        this.trusted = trusted;
        this.trustStoreProblem = trustStoreProblem;
    }

    public static SignatureVerifier notRequired() {
        return new SignatureVerifier(false, null, null);
    }

    /**
     * A verifier against the key store at {@code path}. A store that cannot be loaded is not an
     * error at start: every patch is then rejected with the reason.
     */
    public static SignatureVerifier requiring(String path, String passwordEnv) {
        if (path == null) {
            return new SignatureVerifier(true, null, "require-signature is on (the default) but the config has no"
                    + " hot-patch.truststore: every patch, from the command line and JMX as from the watched directory,"
                    + " needs one (or set hot-patch.require-signature: false)");
        }
        String password = passwordEnv == null ? null : System.getenv(passwordEnv);
        if (passwordEnv != null && password == null) {
            // Said whose environment: this message reaches an operator's shell through the patch command.
            return new SignatureVerifier(true, null, "the trust store password variable " + passwordEnv
                    + " is not set in the application's environment (JVM pid " + ProcessHandle.current().pid()
                    + ", where the agent runs and reads it), whatever the shell running this command has; start the"
                    + " application with " + passwordEnv + " set");
        }
        try {
            KeyStore ks = KeyStore.getInstance(new File(path), password == null ? null : password.toCharArray());
            return new SignatureVerifier(true, ks, null);
        } catch (Exception e) {
            return new SignatureVerifier(true, null, "cannot load the trust store " + path + ": " + e.getMessage());
        }
    }

    public boolean required() {
        return required;
    }

    /** @param entries every non-directory entry of {@code jar}, each already read to its end */
    void verify(JarFile jar, List<JarEntry> entries) throws PatchRejectedException {
        if (!required) {
            return;
        }
        if (trusted == null) {
            throw new PatchRejectedException(trustStoreProblem);
        }
        boolean anySigned = false;
        for (JarEntry entry : entries) {
            if (isSignatureFile(entry.getName())) {
                continue;
            }
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                throw new PatchRejectedException(anySigned || hasSignatureFiles(entries)
                        ? "entry " + entry.getName() + " is not signed (the jar must be signed whole)"
                        : "the jar is not signed (require-signature is on)");
            }
            anySigned = true;
            for (CodeSigner signer : signers) {
                if (!isTrusted(signer)) {
                    throw new PatchRejectedException("entry " + entry.getName() + " is signed by "
                            + subject(signer) + ", whose certificate is not in the trust store");
                }
            }
        }
    }

    private boolean isTrusted(CodeSigner signer) throws PatchRejectedException {
        try {
            for (Certificate c : signer.getSignerCertPath().getCertificates()) {
                if (trusted.getCertificateAlias(c) != null) {
                    return true;
                }
            }
            return false;
        } catch (KeyStoreException e) {
            throw new PatchRejectedException("cannot read the trust store: " + e.getMessage());
        }
    }

    private static String subject(CodeSigner signer) {
        List<? extends Certificate> certs = signer.getSignerCertPath().getCertificates();
        if (!certs.isEmpty() && certs.get(0) instanceof java.security.cert.X509Certificate x) {
            return "'" + x.getSubjectX500Principal().getName() + "'";
        }
        return "an unknown signer";
    }

    private static boolean hasSignatureFiles(List<JarEntry> entries) {
        for (JarEntry e : entries) {
            String n = e.getName().toUpperCase(Locale.ROOT);
            if (n.startsWith("META-INF/") && n.endsWith(".SF")) {
                return true;
            }
        }
        return false;
    }

    /** The manifest and the signature block files, which are not themselves signed entries. */
    static boolean isSignatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (!n.startsWith("META-INF/") || n.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return n.equals("META-INF/MANIFEST.MF") || n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA")
                || n.endsWith(".EC") || n.startsWith("META-INF/SIG-");
    }
}
