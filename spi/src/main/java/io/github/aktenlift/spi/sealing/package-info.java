/**
 * The sealing SPI: a {@link io.github.aktenlift.spi.sealing.SealingKey} that signs digests and names
 * its certificate chain, and a {@link io.github.aktenlift.spi.sealing.TimestampAuthority} that
 * answers RFC 3161 requests. Both are found by URI scheme through
 * {@link io.github.aktenlift.spi.Providers} ({@code pkcs12:…}, {@code pkcs11:…}, {@code tsa:http…})
 * or built in code. What is sealed and when is the core's business (protection levels, BSI
 * TR-03138 "TR-RESISCAN"); these contracts only say what a key and an authority must do.
 *
 * <h2>The seam to the core</h2>
 * The core decides what is sealed but writes no CMS itself, and depends on no adapter. It talks to
 * an {@link io.github.aktenlift.spi.sealing.EvidenceSealer}: "seal these PDFs and detach-seal these
 * files with one key call", "timestamp this digest", "check this object". The sealing adapter
 * implements it over a key and an authority from this package; it is opened by URI
 * ({@code pades:}) through {@link io.github.aktenlift.spi.sealing.EvidenceSealerProvider} or built
 * in code, and handed to the core's builder.
 *
 * <h2>Why the key signs digests</h2>
 * The caller builds the signed structure (the CMS signed attributes of a PAdES or CAdES signature)
 * and hands the key only its hash. So one contract fits a PKCS#12 file, an HSM (PKCS#11 signs
 * pre-hashed input) and a remote signing service (which should never receive the documents:
 * they hold personal data), and the private key never leaves its holder.
 *
 * <h2>Batches: one call per delivery, one standard signature per product</h2>
 * TR-RESISCAN allows scan products to be signed or sealed in batches. We read the point of that
 * allowance as the effort and the authorisation (a PIN, a release at a remote service, a round
 * trip, a fee per request), not the private-key operation itself: an HSM performs thousands of
 * those per second. {@link io.github.aktenlift.spi.sealing.SealingKey#sign(SignatureAlgorithm,
 * java.util.List)} therefore takes the digests of every product of a delivery in one call and
 * returns one signature value per digest, all or nothing. The core prepares every product of the
 * delivery (each PDF gets its signature placeholder and its signed attributes, one PDF at a time),
 * calls the key once, and then completes every product. A remote service sees one request under
 * one authorisation per delivery, exactly as the Cloud Signature Consortium API's hash signing
 * (a list of hashes per authorisation) offers it. With the core's {@code SealBatch.perDelivery()}
 * a delivery takes two key calls: one for the renditions of all its case files, one for their scan
 * protocols, which name the sealed renditions' hashes and so can only be sealed after them.
 *
 * <h2>Prepared seals</h2>
 * The same three steps as the EU's DSS (get the data to sign, sign the digest, incorporate the
 * signature) and as PDFBox's external signing, split between core and adapter along what each
 * owns: the core writes its renditions byte by byte, so it writes each signature dictionary with
 * a zeroed {@code /Contents} right after the rendition, as an incremental update, and takes the
 * byte-range digest on the way ({@link io.github.aktenlift.spi.sealing.PreparedSeals} says how);
 * the adapter turns the digests into CMS signatures with one key call
 * ({@link io.github.aktenlift.spi.sealing.EvidenceSealer#signPrepared}); the core writes each
 * into its placeholder. No PDF is parsed, copied or read again for its seal. Every seal is still a
 * standard PAdES baseline signature over its own PDF.
 *
 * <p>We chose this over the alternative of signing only the root of a hash tree (or a manifest)
 * and giving each product its inclusion proof, because:
 * <ul>
 *   <li>A product leaves its delivery. A rendition goes into the e-file on its own, is exported,
 *       handed over to an archive and checked years later by people who have never heard of
 *       Aktenlift. TR-RESISCAN wants the evidential value to travel with the product. A PAdES seal
 *       in each PDF is validated by any conforming validator (the EU's DSS, Adobe, the archive's
 *       TR-ESOR middleware); a signature over a Merkle root plus an inclusion proof is no PAdES or
 *       CAdES signature at all, would need Aktenlift's own verifier for decades, and its proof
 *       format would itself need long-term preservation.</li>
 *   <li>Evidence renewal (TR-ESOR) re-timestamps products one by one or in standard evidence
 *       records; a product whose validity hangs on a sibling's data cannot be renewed alone.</li>
 *   <li>The cost that batching must save is per request, and one request per delivery is what the
 *       list-of-digests call achieves, with no new format.</li>
 * </ul>
 *
 * <p>Where an operator must nevertheless pay for exactly one signature per delivery, the transfer
 * note is the manifest: the delivery's scan protocol lists the SHA-256 of every product, and one
 * detached CMS seal over that protocol covers them all by hash (a batch of one digest). The products
 * are then protected through the sealed note rather than each on its own; the SPI needs nothing
 * more for that. For timestamps the standard hash tree exists (RFC 4998 evidence records); a
 * {@link io.github.aktenlift.spi.sealing.TimestampAuthority} timestamps any digest, a tree's root
 * included.
 *
 * <h2>Errors</h2>
 * {@link io.github.aktenlift.spi.sealing.SealingException} and
 * {@link io.github.aktenlift.spi.sealing.TimestampException} carry a reason (timeout, unavailable,
 * malformed, rejected, refused) and the key's or authority's id, never content. A caller that gets
 * either has no signature or token to embed and keeps nothing half-sealed.
 *
 * <h2>Algorithms</h2>
 * SHA-256/384/512 with RSA PKCS#1 v1.5 or ECDSA: what qualified seal devices and DSS support
 * throughout. RSA-PSS is left out until a provider needs it, because pre-hashed PSS is not
 * available on every PKCS#11 token.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi.sealing;
