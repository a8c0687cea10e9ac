package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.EvidenceSealerProvider;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.TimestampAuthority;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Opens a {@link PadesEvidenceSealer} for {@code pades:} URIs. The parts come from the settings:
 * {@link #KEY} (a key URI such as {@code pkcs12:/etc/aktenlift/seal.p12?alias=seal}, opened through
 * its own provider with the same settings), {@link #TSA} (an authority URI such as
 * {@code tsa:https://tsa.example.org/tsr}), {@link #TRUST} (certificate files, PEM or DER) and
 * {@link #RENEWAL_DIGEST} (the digest of renewal timestamps). At
 * least a key or an authority. Fails fast: an unreadable key, anchor or URI is an exception here.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PadesEvidenceSealerProvider implements EvidenceSealerProvider {

    /** The scheme served. */
    public static final String SCHEME = "pades";
    /** The sealing key's URI. Optional if {@link #TSA} is given. */
    public static final String KEY = "aktenlift.pades.key";
    /** The timestamp authority's URI. Optional if {@link #KEY} is given. */
    public static final String TSA = "aktenlift.pades.tsa";
    /** Comma-separated certificate files to trust. Default: the root of the key's chain. */
    public static final String TRUST = "aktenlift.pades.trust";
    /**
     * The digest of renewal timestamps: {@code SHA-256} (default), {@code SHA-384} or {@code SHA-512}.
     *
     * @since 0.2
     */
    public static final String RENEWAL_DIGEST = "aktenlift.pades.renewal-digest";

    /** For {@link java.util.ServiceLoader}. */
    public PadesEvidenceSealerProvider() {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public EvidenceSealer open(URI location, Map<String, String> settings) {
        String keyUri = settings.getOrDefault(KEY, "").trim();
        String tsaUri = settings.getOrDefault(TSA, "").trim();
        if (keyUri.isEmpty() && tsaUri.isEmpty()) {
            throw new IllegalArgumentException("setting " + KEY + " or " + TSA + " is required for " + SCHEME + ":");
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path p : SealingSettings.paths(settings, TRUST)) {
            anchors.add(certificate(p));
        }
        SealingKey key = keyUri.isEmpty() ? null : Providers.sealingKey(URI.create(keyUri), settings);
        TimestampAuthority tsa = null;
        try {
            tsa = tsaUri.isEmpty() ? null : Providers.timestampAuthority(URI.create(tsaUri), settings);
            PadesEvidenceSealer.Builder b = PadesEvidenceSealer.builder().trustAnchors(anchors)
                    .renewalDigest(renewalDigest(settings.getOrDefault(RENEWAL_DIGEST, "SHA-256").trim()));
            if (key != null) {
                b.key(key);
            }
            if (tsa != null) {
                b.timestampAuthority(tsa);
            }
            return b.build();
        } catch (RuntimeException e) {
            if (key != null) {
                key.close();
            }
            if (tsa != null) {
                tsa.close();
            }
            throw e;
        }
    }

    private static DigestAlgorithm renewalDigest(String name) {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            if (a.jcaName().equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("setting " + RENEWAL_DIGEST + ": '" + name
                + "' is none of SHA-256, SHA-384, SHA-512");
    }

    private static X509Certificate certificate(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("setting " + TRUST + ": " + p.getFileName() + " is no X.509 certificate", e);
        }
    }
}
