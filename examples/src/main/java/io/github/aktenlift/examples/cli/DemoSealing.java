package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Policies;
import io.github.aktenlift.adapters.sealing.HttpTimestampAuthority;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealerProvider;
import io.github.aktenlift.adapters.sealing.Pkcs12SealingKeyProvider;
import io.github.aktenlift.adapters.sealing.SealingSettings;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.testkit.pki.TestPki;
import io.github.aktenlift.testkit.pki.TestTimestampServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo's sealing: a test PKI generated for the run (nothing secret, nothing qualified), an
 * in-process RFC 3161 authority, and the sealer over both; high-protection case files are sealed and
 * timestamped (the policies of {@link ProtectionProfile#resiscanFor} for {@code HIGH}). The workspace
 * keeps the key and the trust anchor in {@code sealing/} so that later commands ({@code verify
 * --deep}) check the seals; the authority lives only as long as the demo.
 */
final class DemoSealing implements AutoCloseable {

    private final TestPki pki;
    private final TestTimestampServer tsa;
    private final PadesEvidenceSealer sealer;
    private final Path staging;

    private DemoSealing(TestPki pki, TestTimestampServer tsa, PadesEvidenceSealer sealer, Path staging) {
        this.pki = pki;
        this.tsa = tsa;
        this.sealer = sealer;
        this.staging = staging;
    }

    /** @param clock the demo's clock; certificates are valid from a day before its start */
    static DemoSealing start(Clock clock) throws IOException {
        TestPki pki = TestPki.builder().name("Aktenlift Demo").clock(Clock.fixed(clock.instant(), clock.getZone())).build();
        Path staging = Files.createTempDirectory("aktenlift-demo-key-");
        Path p12 = staging.resolve("seal.p12");
        pki.writePkcs12(p12, "seal", TestPki.PASSWORD);
        TestTimestampServer tsa = TestTimestampServer.start(pki);
        SealingKey key = Pkcs12SealingKeyProvider.open(p12, "seal", TestPki.PASSWORD.toCharArray(),
                TestPki.PASSWORD.toCharArray(), RevocationData::none, false);
        PadesEvidenceSealer sealer = PadesEvidenceSealer.builder().key(key)
                .timestampAuthority(new HttpTimestampAuthority(tsa.uri(), Duration.ofSeconds(10), Optional.empty()))
                .trustAnchors(List.of(pki.rootCertificate())).clock(clock).build();
        return new DemoSealing(pki, tsa, sealer, staging);
    }

    PadesEvidenceSealer sealer() {
        return sealer;
    }

    /** @return the defaults, with high-protection case files sealed and timestamped */
    Policies policies() {
        return Policies.defaults().withProtection(ProtectionLevel.HIGH, ProtectionProfile.resiscanFor(ProtectionLevel.HIGH));
    }

    /**
     * Writes {@code sealing/} into the workspace: the test key, the root certificate, and the
     * {@code pades:} settings that name them (without a timestamp authority, which ends with the demo).
     */
    void writeSettings(Path workspace) {
        try {
            Path dir = Files.createDirectories(workspace.resolve(Workspace.SEALING));
            Path p12 = dir.resolve("seal.p12");
            Files.copy(staging.resolve("seal.p12"), p12);
            Path root = dir.resolve("root.cer");
            Files.write(root, pki.rootCertificate().getEncoded());
            Properties p = new Properties();
            // names without a directory: the workspace finds them in its sealing/ directory
            p.setProperty(PadesEvidenceSealerProvider.KEY, Pkcs12SealingKeyProvider.SCHEME + ":" + p12.getFileName()
                    + "?alias=seal");
            p.setProperty(SealingSettings.PKCS12_PASSWORD, TestPki.PASSWORD);
            p.setProperty(PadesEvidenceSealerProvider.TRUST, root.getFileName().toString());
            try (Writer w = Files.newBufferedWriter(dir.resolve(Workspace.SEALING_PROPERTIES))) {
                p.store(w, "Aktenlift demo: a generated TEST key, not for real evidence (see docs/sealing.md)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            sealer.close();
        } finally {
            tsa.close();
            try {
                Files.deleteIfExists(staging.resolve("seal.p12"));
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // a temporary test key; the OS temp cleaner takes it
            }
        }
    }
}
