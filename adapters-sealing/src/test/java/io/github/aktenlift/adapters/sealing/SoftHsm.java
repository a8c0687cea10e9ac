package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.testkit.pki.TestPki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A SoftHSM2 token holding the fixtures' sealing key, for the PKCS#11 tests. SoftHSM comes from
 * Debian's softhsm2 package, which src/test/softhsm/install.sh installs (CI calls it); the POM
 * points SOFTHSM2_CONF at target/softhsm. Without SoftHSM or that variable the tests are skipped,
 * never passed.
 */
final class SoftHsm {

    static final String PIN = "1234";
    static final String LABEL = "seal";
    private static final List<Path> LIBRARIES = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"), Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));

    private static Token token;

    /** A token with the sealing key and its chain under {@link #LABEL}. */
    record Token(Path library, int slotId) {
        String uri() {
            return "pkcs11:object=" + LABEL + ";slot-id=" + slotId + "?module-path=" + library;
        }
    }

    private SoftHsm() {
    }

    /** @return the token, set up on first use; skips the calling test if SoftHSM is not available */
    static synchronized Token token() {
        if (token == null) {
            token = setUp();
        }
        return token;
    }

    private static Token setUp() {
        Optional<Path> library = LIBRARIES.stream().filter(Files::isReadable).findFirst();
        assumeTrue(library.isPresent(), "SoftHSM2 library not installed (src/test/softhsm/install.sh)");
        String conf = System.getenv("SOFTHSM2_CONF");
        assumeTrue(conf != null, "SOFTHSM2_CONF not set (the POM sets it for surefire)");
        try {
            Path confFile = Path.of(conf);
            Path tokens = confFile.resolveSibling("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> old = Files.walk(tokens)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                    StandardCharsets.UTF_8);
            Process p;
            try {
                p = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "aktenlift", "--pin", PIN,
                        "--so-pin", "123456").redirectErrorStream(true).start();
            } catch (IOException e) {
                assumeTrue(false, "softhsm2-util not on the PATH");
                throw e;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util failed: " + out);
            }
            Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no slot in softhsm2-util's answer: " + out);
            }
            int slot = Integer.parseInt(m.group(1));
            Provider provider = Security.getProvider("SunPKCS11")
                    .configure("--name = softhsm-setup\nlibrary = " + library.get() + "\nslot = " + slot + "\n");
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, PIN.toCharArray());
            TestPki pki = Fixtures.PKI;
            ks.setKeyEntry(LABEL, pki.sealingKey(), null, new Certificate[] {pki.sealingCertificate(), pki.rootCertificate()});
            // PKCS#11 logins hold for the whole process: log out so that the tests' own logins count
            ((java.security.AuthProvider) provider).logout();
            return new Token(library.get(), slot);
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the SoftHSM token", e);
        }
    }
}
