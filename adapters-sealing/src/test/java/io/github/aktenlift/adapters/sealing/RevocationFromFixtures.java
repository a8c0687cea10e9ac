package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** A real key whose revocation data is a fresh CRL of the fixtures' PKI (a token has no CRL files here). */
final class RevocationFromFixtures implements SealingKey {

    private final SealingKey key;

    RevocationFromFixtures(SealingKey key) {
        this.key = key;
    }

    @Override
    public String id() {
        return key.id();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return key.certificateChain();
    }

    @Override
    public Set<SignatureAlgorithm> algorithms() {
        return key.algorithms();
    }

    @Override
    public boolean qualified() {
        return key.qualified();
    }

    @Override
    public List<byte[]> sign(SignatureAlgorithm algorithm, List<byte[]> digests) {
        return key.sign(algorithm, digests);
    }

    @Override
    public RevocationData revocationData() {
        return RevocationData.ofCrls(List.of(Fixtures.PKI.crl()));
    }

    @Override
    public void close() {
        key.close();
    }
}
