package io.github.aktenlift.adapters.sealing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@link SealVerifier} found about one signature or timestamp.
 *
 * @param name where it sits: the signature field's name, or {@code detached}
 * @param kind what it is
 * @param time the timestamp's time, or the seal's claimed signing time; empty if none
 * @param integrity whether the bytes are unchanged: for a seal, the covered bytes' digest equals the
 *     signed message digest and the signature value verifies with the signer's certificate (which the
 *     signed attributes name); for a timestamp, the token's signature verifies
 * @param chain whether the signer's (or TSA's) certificate chains to a configured trust anchor,
 *     valid at {@code time} (or now), with revocation checked where revocation data is at hand
 * @param imprint for a timestamp, whether its message imprint is the digest of what it claims to
 *     cover; {@link Check#NOT_APPLICABLE} for a seal
 * @param timestamps the signature timestamps inside a seal
 * @param findings what else the verifier noticed or why a check failed; never content
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SignatureCheck(String name, Kind kind, Optional<Instant> time, Check integrity, Check chain, Check imprint,
        List<SignatureCheck> timestamps, List<String> findings) {

    /**
     * Kinds of evidence.
     *
     * @since 0.1
     */
    public enum Kind {
        /** A PAdES or CAdES seal (CMS signature). */
        SEAL,
        /** An RFC 3161 timestamp over a seal's signature value. */
        SIGNATURE_TIMESTAMP,
        /** A PAdES document timestamp. */
        DOCUMENT_TIMESTAMP,
        /** A detached RFC 3161 token over a file. */
        CONTENT_TIMESTAMP
    }

    /**
     * Validates and copies.
     *
     * @param name where it sits: the signature field's name, or {@code detached}
     * @param kind what it is
     * @param time the timestamp's time, or the seal's claimed signing time; empty if none
     * @param integrity whether the bytes are unchanged: for a seal, the covered bytes' digest equals the
     *     signed message digest and the signature value verifies with the signer's certificate (which the
     *     signed attributes name); for a timestamp, the token's signature verifies
     * @param chain whether the signer's (or TSA's) certificate chains to a configured trust anchor, valid at
     *     {@code time} (or now), with revocation checked where revocation data is at hand
     * @param imprint for a timestamp, whether its message imprint is the digest of what it claims to cover;
     *     {@link Check#NOT_APPLICABLE} for a seal
     * @param timestamps the signature timestamps inside a seal
     * @param findings what else the verifier noticed or why a check failed; never content
     */
    public SignatureCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(imprint, "imprint");
        timestamps = List.copyOf(timestamps);
        findings = List.copyOf(findings);
    }

    /** @return whether nothing failed here or in the nested timestamps */
    public boolean passed() {
        return integrity != Check.FAILED && chain != Check.FAILED && imprint != Check.FAILED
                && timestamps.stream().allMatch(SignatureCheck::passed);
    }

    /** @return whether the bytes are intact here and in the nested timestamps (trust aside) */
    public boolean intact() {
        return integrity != Check.FAILED && imprint != Check.FAILED && timestamps.stream().allMatch(SignatureCheck::intact);
    }
}
