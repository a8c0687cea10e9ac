package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.SealingKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A detached seal beside a protocol's JSON")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetachedSealerTest {

    @TempDir
    static Path dir;

    SealingKey key;

    @BeforeAll
    void open() {
        key = Fixtures.key();
    }

    @AfterAll
    void close() {
        key.close();
    }

    private Path json(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "{\"caseFile\":\"F0000017\",\"pages\":12,\"sha256\":\"ab12\",\"note\":\"Umlaut ä\"}\n");
    }

    @Test
    @DisplayName("B-B and B-T are CAdES baseline seals DSS finds TOTAL_PASSED, and our verifier agrees")
    void levels() throws IOException {
        Path data = json("protocol.json");
        CountingKey counting = new CountingKey(key);
        byte[] bb = new DetachedSealer(counting, Optional.empty(), Clock.systemUTC()).seal(data);
        byte[] bt = new DetachedSealer(counting, Optional.of(Fixtures.tsa()), Clock.systemUTC()).seal(data);
        Path bbFile = Files.write(dir.resolve("protocol.json.b.p7s"), bb);
        Path btFile = Files.write(dir.resolve("protocol.json.t.p7s"), bt);

        Dss.Verdict b = Dss.validateDetached(bbFile, data, Fixtures.PKI.rootCertificate(), Fixtures.PKI.crl()).only();
        assertThat(b.format()).as("%s", b).isEqualTo("CAdES-BASELINE-B");
        assertThat(b.indication()).as("%s", b).isEqualTo("TOTAL_PASSED");
        Dss.Verdict t = Dss.validateDetached(btFile, data, Fixtures.PKI.rootCertificate(), Fixtures.PKI.crl()).only();
        assertThat(t.format()).as("%s", t).isEqualTo("CAdES-BASELINE-T");
        assertThat(t.indication()).as("%s", t).isEqualTo("TOTAL_PASSED");

        SealVerifier verifier = new SealVerifier(List.of(Fixtures.PKI.rootCertificate()), List.of(Fixtures.PKI.crl()));
        assertThat(verifier.verifyDetachedSeal(data, bb).passed()).isTrue();
        VerificationReport r = verifier.verifyDetachedSeal(data, bt);
        assertThat(r.passed()).as("%s", r).isTrue();
        assertThat(r.checks().get(0).timestamps()).hasSize(1);
        assertThat(counting.calls).hasValue(2);
    }

    @Test
    @DisplayName("a batch of protocols is sealed with one call to the key")
    void batch() throws IOException {
        CountingKey counting = new CountingKey(key);
        List<Path> files = List.of(json("a.json"), json("b.json"), json("c.json"));
        List<byte[]> seals = new DetachedSealer(counting, Optional.empty(), Clock.systemUTC()).sealAll(files);
        assertThat(counting.calls).hasValue(1);
        SealVerifier verifier = new SealVerifier(List.of(Fixtures.PKI.rootCertificate()), List.of(Fixtures.PKI.crl()));
        for (int i = 0; i < files.size(); i++) {
            assertThat(verifier.verifyDetachedSeal(files.get(i), seals.get(i)).passed()).isTrue();
        }
    }

    @Test
    @DisplayName("one byte changed in the JSON: DSS reports the seal broken, our verifier too, and the plain token's imprint fails")
    void tampered() throws IOException {
        Path data = json("tamper.json");
        byte[] seal = new DetachedSealer(key, Optional.empty(), Clock.systemUTC()).seal(data);
        byte[] token = DetachedSealer.timestamp(Fixtures.tsa(), data, DigestAlgorithm.SHA256);
        Path sealFile = Files.write(dir.resolve("tamper.json.p7s"), seal);
        SealVerifier verifier = new SealVerifier(List.of(Fixtures.PKI.rootCertificate()), List.of(Fixtures.PKI.crl()));
        assertThat(verifier.verifyDetachedTimestamp(data, token).passed()).isTrue();

        byte[] b = Files.readAllBytes(data);
        b[15] ^= 1;
        Files.write(data, b);

        Dss.Verdict v = Dss.validateDetached(sealFile, data, Fixtures.PKI.rootCertificate(), Fixtures.PKI.crl()).only();
        assertThat(v.intact()).as("%s", v).isFalse();
        assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_FAILED");
        assertThat(verifier.verifyDetachedSeal(data, seal).broken()).isTrue();
        VerificationReport ts = verifier.verifyDetachedTimestamp(data, token);
        assertThat(ts.broken()).isTrue();
        assertThat(ts.checks().get(0).imprint()).isEqualTo(Check.FAILED);
    }
}
