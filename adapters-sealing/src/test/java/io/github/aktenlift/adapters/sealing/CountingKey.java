package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A real key that counts how often it is asked to sign, and how many digests in all. */
class CountingKey implements SealingKey {

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger digests = new AtomicInteger();
    private final SealingKey key;

    CountingKey(SealingKey key) {
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
        calls.incrementAndGet();
        this.digests.addAndGet(digests.size());
        return key.sign(algorithm, digests);
    }

    @Override
    public RevocationData revocationData() {
        return key.revocationData();
    }

    @Override
    public void close() {
        key.close();
    }
}
