package io.selfheal.runtime.config;

import java.io.File;
import java.security.KeyStore;
import java.util.Enumeration;

/**
 * Opens the hot-patch trust store as the agent will when the first patch arrives, so a store that
 * is missing, unreadable, locked by a password whose variable is not set, or empty is a config
 * problem at {@code validate} and at start, at its key's line, rather than the reason the first
 * patch is rejected. The password variable is looked up in this process's environment: at start
 * that is the application's, which is where the agent reads it.
 */
final class TrustStoreCheck {
    private TrustStoreCheck() {
    }

    static void check(Section s, ConfigKey pathKey, ConfigKey passwordKey, String path, String passwordEnv) {
        File file = new File(path);
        String where = file.isAbsolute() ? path
                : path + " (" + file.getAbsolutePath() + ": a relative path is taken from the working directory)";
        if (!file.exists()) {
            s.problem(pathKey, "the trust store " + where + " does not exist; every signed patch would be rejected");
            return;
        }
        if (!file.isFile() || !file.canRead()) {
            s.problem(pathKey, "the trust store " + where + (file.isFile() ? " cannot be read (permissions)"
                    : " is not a file"));
            return;
        }
        String password = null;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                s.problem(passwordKey, notSet(passwordEnv));
                return;
            }
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(file, password == null ? null : password.toCharArray());
        } catch (Exception | LinkageError e) {
            s.problem(pathKey, "cannot open the trust store " + where + ": " + e.getMessage()
                    + (passwordEnv == null ? " (no password-env is given)"
                            : " (is the password in " + passwordEnv + " the store's?)"));
            return;
        }
        if (!holdsCertificate(store)) {
            s.problem(pathKey, "the trust store " + where + " holds no certificate, so no patch could be accepted;"
                    + " add the signer's certificate (keytool -importcert -file signer.crt -keystore " + path + ")"
                    + (passwordEnv == null ? "; a store whose certificates are protected needs password-env" : ""));
        }
    }

    /** Says whose environment was asked: an operator reading it in another shell must not take it for theirs. */
    static String notSet(String variable) {
        return "the trust store's password variable " + variable + " is not set in the environment of this"
                + " process (pid " + ProcessHandle.current().pid() + "); the agent reads it from the application's"
                + " environment, so start the application with " + variable + " set";
    }

    private static boolean holdsCertificate(KeyStore store) {
        try {
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                if (store.getCertificate(aliases.nextElement()) != null) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return true;   // cannot tell: the first patch will say
        }
    }
}
