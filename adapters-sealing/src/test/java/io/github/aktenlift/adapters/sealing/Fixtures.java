package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.testkit.pki.TestPki;
import io.github.aktenlift.testkit.pki.TestTimestampServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One test PKI, one in-process TSA and one PKCS#12 key for the whole test run: RSA key generation
 * is the slowest part of a test, and nothing in them is changed by a test (tests that revoke or
 * misbehave make their own).
 */
final class Fixtures {

    static final TestPki PKI = TestPki.create();
    static final TestTimestampServer TSA_SERVER = TestTimestampServer.start(PKI);
    static final Path DIR;
    static final Path P12;

    static {
        try {
            DIR = Files.createTempDirectory("aktenlift-seal");
            P12 = DIR.resolve("seal.p12");
            // removed when the test JVM ends, the key file first (deleteOnExit runs in reverse order)
            DIR.toFile().deleteOnExit();
            P12.toFile().deleteOnExit();
            PKI.writePkcs12(P12, "seal", TestPki.PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Fixtures() {
    }

    /** @return the PKCS#12 key, with a fresh CRL of the test root as its revocation data */
    static SealingKey key() {
        return Pkcs12SealingKeyProvider.open(P12, "seal", TestPki.PASSWORD.toCharArray(), TestPki.PASSWORD.toCharArray(),
                () -> RevocationData.ofCrls(List.of(PKI.crl())), false);
    }

    /** @return a client of the in-process TSA */
    static TimestampAuthority tsa() {
        return new HttpTimestampAuthority(TSA_SERVER.uri(), Duration.ofSeconds(10), Optional.empty());
    }
}
