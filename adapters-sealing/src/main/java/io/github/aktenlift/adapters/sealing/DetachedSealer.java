package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import org.bouncycastle.asn1.DERSet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Seals files that are not PDFs, such as a scan protocol's JSON, with a detached CAdES seal
 * (baseline B-B, or B-T with a timestamp authority): a DER CMS {@code SignedData} to be stored
 * beside the file (conventionally {@code name.p7s}). Also makes a plain RFC 3161 token over a file
 * ({@code name.tsr}) for objects that need a time but no seal.
 *
 * <p>Files are hashed as streams; {@link #sealAll} calls the key once for all of them. Nothing is
 * written: the caller stores the returned bytes. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DetachedSealer {

    private final SealingKey key;
    private final Optional<TimestampAuthority> tsa;
    private final SignatureAlgorithm algorithm;
    private final Clock clock;

    /**
     * @param key the sealing key
     * @param tsa the timestamp authority for B-T seals, or empty for B-B
     * @param clock the clock of the signing-time attribute CAdES B-B requires
     */
    public DetachedSealer(SealingKey key, Optional<TimestampAuthority> tsa, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.tsa = Objects.requireNonNull(tsa, "tsa");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.algorithm = PadesSealer.defaultAlgorithm(key);
    }

    /**
     * @param data the file to seal; only read
     * @return the DER CMS {@code SignedData}, detached
     * @throws SealingFailedException if the file cannot be read
     * @throws SealingException if the key does not sign
     * @throws TimestampException if the authority gives no token
     */
    public byte[] seal(Path data) {
        return sealAll(List.of(data)).get(0);
    }

    /**
     * @param files the files to seal, with one call to the key
     * @return one DER CMS per file, in order
     * @throws SealingFailedException if a file cannot be read
     * @throws SealingException if the key does not sign
     * @throws TimestampException if the authority gives no token
     */
    public List<byte[]> sealAll(List<Path> files) {
        DigestAlgorithm digest = algorithm.digest();
        Instant now = clock.instant();
        List<DERSet> attributes = new ArrayList<>(files.size());
        List<byte[]> toSign = new ArrayList<>(files.size());
        for (Path f : files) {
            DERSet attrs = Cms.signedAttributes(hash(f, digest), key.certificateChain().get(0), Optional.of(now));
            attributes.add(attrs);
            toSign.add(digest.newDigest().digest(Cms.der(attrs)));
        }
        if (files.isEmpty()) {
            return List.of();
        }
        List<byte[]> values = key.sign(algorithm, toSign);
        List<byte[]> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            byte[] value = values.get(i);
            Optional<byte[]> token = tsa.map(t -> t.timestamp(digest, digest.newDigest().digest(value)));
            out.add(Cms.signedData(attributes.get(i), algorithm, value, key.certificateChain(), token));
        }
        return out;
    }

    /**
     * @param tsa the authority
     * @param data the file to timestamp; only read
     * @param digest the hash to timestamp it with
     * @return the DER timestamp token over the file's digest
     * @throws SealingFailedException if the file cannot be read
     * @throws TimestampException if the authority gives no token
     */
    public static byte[] timestamp(TimestampAuthority tsa, Path data, DigestAlgorithm digest) {
        return tsa.timestamp(digest, hash(data, digest));
    }

    static byte[] hash(Path file, DigestAlgorithm digest) {
        MessageDigest md = digest.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new SealingFailedException(file.getFileName().toString(), "cannot read: " + e.getMessage(), e);
        }
        return md.digest();
    }
}
