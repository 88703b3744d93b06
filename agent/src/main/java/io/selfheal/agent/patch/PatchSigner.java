package io.selfheal.agent.patch;

import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;

/**
 * Who signed a patch jar: the subject of the signer's own certificate (the first of its chain)
 * and that certificate's SHA-256 fingerprint, written as {@code keytool -printcert} writes it
 * ({@code AB:CD:...}), so an operator can match it against the key store it came from.
 */
public record PatchSigner(String subject, String fingerprint) {

    /**
     * The signer of the jar's first signed entry, or {@code null} when no entry is signed. Whether
     * that signer is trusted, and whether the whole jar is signed, is {@link SignatureVerifier}'s
     * to say; this only names it.
     */
    static PatchSigner of(List<JarEntry> entries) {
        for (JarEntry e : entries) {
            if (SignatureVerifier.isSignatureFile(e.getName())) {
                continue;
            }
            CodeSigner[] signers = e.getCodeSigners();
            if (signers != null && signers.length > 0) {
                List<? extends Certificate> chain = signers[0].getSignerCertPath().getCertificates();
                if (!chain.isEmpty()) {
                    return of(chain.get(0));
                }
            }
        }
        return null;
    }

    static PatchSigner of(Certificate c) {
        String subject = c instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : c.getType();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return new PatchSigner(subject, HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            return new PatchSigner(subject, "unknown (" + e.getMessage() + ")");
        }
    }
}
