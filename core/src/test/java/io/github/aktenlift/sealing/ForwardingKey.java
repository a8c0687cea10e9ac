package io.github.aktenlift.sealing;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** A key that forwards every call; tests override what they change. */
class ForwardingKey implements SealingKey {
    private final SealingKey inner;

    ForwardingKey(SealingKey inner) {
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
    public List<byte[]> sign(SignatureAlgorithm algorithm, List<byte[]> digests) {
        return inner.sign(algorithm, digests);
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
