package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.testkit.contract.EvidenceSealerContract;
import io.github.aktenlift.testkit.pki.TestPki;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence sealer contract for {@link PadesEvidenceSealer}, with the fixtures' PKI (its seal and
 * TSA certificates share one root) and the HTTP authority client opened by URI; DSS judges every
 * PDF the contract has sealed. Subclasses choose the key.
 */
abstract class PadesContract extends EvidenceSealerContract {

    @Override
    protected TestPki pki() {
        return Fixtures.PKI;
    }

    @Override
    protected EvidenceSealer createSealer(Optional<SealingKey> key, Optional<TimestampAuthority> tsa,
            List<X509Certificate> trustAnchors) {
        PadesEvidenceSealer.Builder b = PadesEvidenceSealer.builder().trustAnchors(trustAnchors);
        key.ifPresent(b::key);
        tsa.ifPresent(b::timestampAuthority);
        return b.build();
    }

    @Override
    protected TimestampAuthority createAuthority(URI endpoint, Duration timeout) {
        return Providers.timestampAuthority(URI.create("tsa:" + endpoint),
                Map.of(SealingSettings.TSA_TIMEOUT_MILLIS, Long.toString(timeout.toMillis())));
    }

    /**
     * DSS finds exactly the one seal, at the level the sealer reported, and passes it against the
     * root, as a relying party that has fetched the root's current CRL (B-B and B-T seals carry no
     * revocation data).
     */
    @Override
    protected void judge(Path sealedPdf, String level, List<X509Certificate> trustAnchors) {
        assertThat(trustAnchors).as("seal and timestamps share the fixtures' root").hasSize(1);
        Dss.Verdict v = Dss.validate(sealedPdf, trustAnchors.get(0), Fixtures.PKI.crl()).only();
        assertThat(v.format()).as("%s", v).isEqualTo("PAdES-BASELINE-" + level.substring(2));
        assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
    }

    /** @return the fixtures' PKCS#12 RSA key, opened by URI */
    static SealingKey pkcs12() {
        return Providers.sealingKey(URI.create("pkcs12:" + Fixtures.P12.toUri().getPath() + "?alias=seal"),
                Map.of(SealingSettings.PKCS12_PASSWORD, TestPki.PASSWORD));
    }
}
