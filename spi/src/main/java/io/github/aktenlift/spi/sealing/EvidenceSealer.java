package io.github.aktenlift.spi.sealing;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What the core asks of a sealing adapter: seal a case file's PDF products and detached files with
 * one call to the key, timestamp a digest, and check seals and timestamps later. The core builds
 * PDF/A renditions and protocols with PDFBox but has no CMS or RFC 3161 code of its own and must not
 * depend on an adapter; this interface is the seam. An adapter implements it on top of its PAdES,
 * CAdES and RFC 3161 machinery and a {@link SealingKey} and {@link TimestampAuthority} of its
 * choice; the embedding application hands it to the core's builder, or the core's callers open one
 * by URI through {@link EvidenceSealerProvider}.
 *
 * <p>Why one interface for sealing <em>and</em> checking: a deep verification years later must
 * check exactly the formats this adapter wrote, against the trust anchors the operator configured
 * for it; keeping both in one place keeps them in step.
 *
 * <p><b>Capabilities.</b> An instance may hold a key, a timestamp authority, or both
 * ({@link #seals()}, {@link #timestamps()}); one without a key still timestamps and verifies. A
 * method that needs what the instance lacks throws {@link IllegalStateException}.
 *
 * <p><b>Atomicity.</b> {@link #seal} writes new files only, never over a source, and all or
 * nothing: if it throws, none of its targets exists.
 *
 * <p><b>Thread safety:</b> every method may be called from any thread at any time.
 * <b>Never {@code null}:</b> no method returns {@code null}. <b>Reads never write:</b> the verify
 * methods only read.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EvidenceSealer extends AutoCloseable {

    /** @return a short identifier for messages and journals, never a secret */
    String id();

    /** @return whether a sealing key is configured, so that {@link #seal} works */
    boolean seals();

    /** @return whether a timestamp authority is configured, so that {@link #timestamp} works and seals get timestamps */
    boolean timestamps();

    /**
     * Checks whether the sealing key is a qualified seal in the sense of eIDAS: declared so by its
     * provider, and its certificate carries the ETSI QC statements (QcCompliance, QcType eseal,
     * QcSSCD) or a qualified certificate policy (QCP-l-qscd). Run once at start-up.
     *
     * @return the verdict with its reasons
     */
    Qualification qualification();

    /**
     * Seals PDFs in place of their sources (PAdES baseline B-T with a timestamp authority, B-LT
     * where the key supplies revocation data, B-B without an authority) and makes a detached CMS
     * seal for each further file, with <em>one</em> call to the key for all of them. Each sealed
     * PDF is its source's bytes unchanged followed by incremental updates, so that the original
     * revision stays recoverable; each seal validates on its own (no seal depends on another
     * product of the batch).
     *
     * @param pdfs PDFs to seal: sources are only read, targets must not exist
     * @param detached files that get a detached seal (a protocol's JSON); only read
     * @return the sealed PDFs' level and the detached seals, in the order of {@code detached}
     * @throws SealingException if the key does not sign; no target exists
     * @throws TimestampException if the authority gives no token; no target exists
     * @throws EvidenceException if a file cannot be sealed; no target exists
     * @throws IllegalStateException if no key is configured
     */
    Sealed seal(List<SealJob> pdfs, List<Path> detached);

    /**
     * Whether this sealer signs PDFs that the caller prepared itself, and how to prepare them. A
     * caller that writes its PDFs (the core writes its renditions byte by byte) then writes each
     * signature dictionary and its placeholder as it writes the PDF, takes the byte-range digest
     * on the way, and hands only the digests to {@link #signPrepared}: no PDF is parsed, copied or
     * read again for sealing. A sealer whose seals need more than the CMS in the placeholder (B-LT
     * validation data after the signature) answers empty, and its callers use {@link #seal}.
     *
     * @return how to prepare seals, or empty if this sealer only seals whole files (the default)
     * @since 0.2
     */
    default java.util.Optional<PreparedSeals> preparedSeals() {
        return java.util.Optional.empty();
    }

    /**
     * Makes the CMS signatures (PAdES, {@code ETSI.CAdES.detached}) for PDFs the caller prepared as
     * {@link #preparedSeals()} says, with <em>one</em> call to the key for all digests, and with a
     * signature timestamp in each when a timestamp authority is configured. All or nothing: if it
     * throws, no signature is returned and the caller keeps none of its prepared PDFs as sealed.
     *
     * @param byteRangeDigests per PDF, the digest of its signature's byte range, computed with
     *     {@link PreparedSeals#digest()}; at least one
     * @return one DER CMS {@code SignedData} per digest, in order, each at most
     *     {@link PreparedSeals#reserveBytes()} long
     * @throws SealingException if the key does not sign
     * @throws TimestampException if the authority gives no token for any of them
     * @throws IllegalArgumentException if the list is empty or a digest has the wrong length
     * @throws IllegalStateException if no key is configured
     * @throws UnsupportedOperationException if {@link #preparedSeals()} is empty
     * @since 0.2
     */
    default List<byte[]> signPrepared(List<byte[]> byteRangeDigests) {
        return signPrepared(byteRangeDigests, List.of());
    }

    /**
     * As {@link #signPrepared(List)}, and in the same key call detached CMS seals (CAdES, with a
     * signing-time attribute, as {@link #seal} makes them) over files whose content digest the
     * caller computed: a scan protocol's PDF and its JSON sealed together without the sealer
     * reading either.
     *
     * @param byteRangeDigests per prepared PDF, the digest of its signature's byte range
     * @param fileDigests per file that gets a detached seal, the digest of its whole content, with
     *     {@link PreparedSeals#digest()}
     * @return one DER CMS {@code SignedData} per digest: those of {@code byteRangeDigests} first,
     *     then those of {@code fileDigests}, each in order
     * @throws SealingException if the key does not sign
     * @throws TimestampException if the authority gives no token for any of them
     * @throws IllegalArgumentException if both lists are empty or a digest has the wrong length
     * @throws IllegalStateException if no key is configured
     * @throws UnsupportedOperationException if {@link #preparedSeals()} is empty (the default)
     * @since 0.2
     */
    default List<byte[]> signPrepared(List<byte[]> byteRangeDigests, List<byte[]> fileDigests) {
        throw new UnsupportedOperationException(id() + " seals whole files only");
    }

    /**
     * Adds a PAdES document timestamp (B-LTA, evidence renewal) to a sealed PDF, after the
     * validation data its seals and timestamps need.
     *
     * @param job source (only read) and target (must not exist)
     * @throws TimestampException if the authority gives no token; the target does not exist
     * @throws EvidenceException if the PDF cannot be renewed; the target does not exist
     * @throws IllegalStateException if no timestamp authority is configured
     */
    void renew(SealJob job);

    /**
     * The digest algorithm {@link #renew} uses for the imprint of its document timestamps. When the
     * digest that existing evidence rests on weakens, the operator configures a stronger one here
     * and renews what rests on the weak one.
     *
     * @return the renewal digest; {@link DigestAlgorithm#SHA256} unless configured otherwise
     * @since 0.2
     */
    default DigestAlgorithm renewalDigest() {
        return DigestAlgorithm.SHA256;
    }

    /**
     * Tells which digest algorithm the evidence of a sealed PDF rests on now: the message imprint
     * of its newest timestamp (the last document timestamp, or else the signature timestamp of its
     * last seal). Evidence renewal uses it to find what rests on an algorithm the policy marks as
     * weakening. Only reads.
     *
     * @param pdf a sealed PDF; only read
     * @return the imprint algorithm's JCA name (for example {@code SHA-256}), or its dotted OID if it
     *     has no name here; empty if the PDF carries no timestamp at all
     * @throws EvidenceException if the PDF or its newest signature cannot be read
     * @throws UnsupportedOperationException if this sealer cannot tell (the default)
     * @since 0.2
     */
    default java.util.Optional<String> newestTimestampDigest(Path pdf) {
        throw new UnsupportedOperationException(id() + " cannot tell which algorithm a PDF's newest timestamp uses");
    }

    /**
     * @param sha256 a SHA-256 digest (or HMAC-SHA-256 value), 32 bytes
     * @return a DER RFC 3161 token over it, checked as {@link TimestampAuthority} promises
     * @throws TimestampException if the authority gives no token
     * @throws IllegalStateException if no timestamp authority is configured
     */
    byte[] timestamp(byte[] sha256);

    /**
     * Checks every seal and timestamp in a PDF: integrity, chain to the configured trust anchors,
     * timestamp imprints.
     *
     * @param object the object's name for the report (its storage key)
     * @param pdf the PDF; only read
     * @return the report; a PDF without any seal is {@link EvidenceReport.Verdict#BROKEN}
     */
    EvidenceReport verifyPdf(String object, Path pdf);

    /**
     * @param object the object's name for the report
     * @param data the sealed file; only read
     * @param cms the detached DER CMS seal over it
     * @return the report
     */
    EvidenceReport verifyDetachedSeal(String object, Path data, byte[] cms);

    /**
     * @param object the object's name for the report
     * @param sha256 the 32 bytes the token claims to cover
     * @param token a DER RFC 3161 token
     * @return the report: broken if the imprint is another or the token's signature fails
     */
    EvidenceReport verifyTimestamp(String object, byte[] sha256, byte[] token);

    /** Closes the key and the authority this instance opened. Idempotent. */
    @Override
    void close();
}
