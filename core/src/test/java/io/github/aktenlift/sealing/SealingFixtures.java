package io.github.aktenlift.sealing;

import io.github.aktenlift.adapters.sealing.HttpTimestampAuthority;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.adapters.sealing.Pkcs12SealingKeyProvider;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.testkit.pki.TestPki;
import io.github.aktenlift.testkit.pki.TestTimestampServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test PKI (plain and qualified sealing certificates under one root) and its in-process RFC 3161
 * authority, shared by the core's sealing tests; PKCS#12 files of both keys.
 */
final class SealingFixtures {

    static final TestPki PKI = TestPki.create();
    static final TestPki QUALIFIED_PKI = TestPki.builder().name("Aktenlift Qualified").qualified(true).build();
    static final TestTimestampServer TSA_SERVER = TestTimestampServer.start(PKI);
    private static final Path DIR;
    private static final Path P12;
    private static final Path QUALIFIED_P12;

    static {
        try {
            DIR = Files.createTempDirectory("aktenlift-core-seal-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        P12 = DIR.resolve("seal.p12");
        PKI.writePkcs12(P12, "seal", TestPki.PASSWORD);
        QUALIFIED_P12 = DIR.resolve("qseal.p12");
        QUALIFIED_PKI.writePkcs12(QUALIFIED_P12, "seal", TestPki.PASSWORD);
        // the test keys go with the JVM (deleteOnExit cannot remove a directory that still has files)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(P12);
                Files.deleteIfExists(QUALIFIED_P12);
                Files.deleteIfExists(DIR);
            } catch (IOException ignored) {
                // temporary test keys; the OS temp cleaner takes what is left
            }
        }, "delete-test-keys"));
    }

    private SealingFixtures() {
    }

    /** @return the plain sealing key, no revocation data (seals are B-T) */
    static SealingKey key() {
        return Pkcs12SealingKeyProvider.open(P12, "seal", pw(), pw(), RevocationData::none, false);
    }

    /** @return the plain sealing key with a fresh CRL of the root as revocation data (seals are B-LT) */
    static SealingKey keyWithRevocation() {
        return Pkcs12SealingKeyProvider.open(P12, "seal", pw(), pw(), () -> RevocationData.ofCrls(List.of(PKI.crl())), false);
    }

    /** @return the key with QC statements, declared qualified as an operator would */
    static SealingKey qualifiedKey() {
        return qualifiedKey(true);
    }

    /** @return the key with QC statements, declared qualified or not */
    static SealingKey qualifiedKey(boolean declared) {
        return Pkcs12SealingKeyProvider.open(QUALIFIED_P12, "seal", pw(), pw(), RevocationData::none, declared);
    }

    /** @return a client of the shared in-process TSA */
    static TimestampAuthority tsa() {
        return tsa(TSA_SERVER, Duration.ofSeconds(10));
    }

    static TimestampAuthority tsa(TestTimestampServer server, Duration timeout) {
        return new HttpTimestampAuthority(server.uri(), timeout, Optional.empty());
    }

    /** @return a sealer with key and TSA, trusting the test root */
    static PadesEvidenceSealer sealer(SealingKey key, TimestampAuthority tsa) {
        return PadesEvidenceSealer.builder().key(key).timestampAuthority(tsa).trustAnchors(List.of(PKI.rootCertificate()))
                .build();
    }

    static X509Certificate root() {
        return PKI.rootCertificate();
    }

    private static char[] pw() {
        return TestPki.PASSWORD.toCharArray();
    }

    /** A key that counts its calls: one per batch. */
    static class CountingKey implements SealingKey {
        final SealingKey inner;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger digests = new AtomicInteger();

        CountingKey(SealingKey inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public List<X509Certificate> certificateChain() {
            return inner.certificateChain();
        }

        @Override
        public Set<SignatureAlgorithm> algorithms() {
            return inner.algorithms();
        }

        @Override
        public boolean qualified() {
            return inner.qualified();
        }

        @Override
        public List<byte[]> sign(SignatureAlgorithm algorithm, List<byte[]> list) {
            calls.incrementAndGet();
            digests.addAndGet(list.size());
            return inner.sign(algorithm, list);
        }

        @Override
        public RevocationData revocationData() {
            return inner.revocationData();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
