/**
 * The sealing adapter: {@link io.github.aktenlift.adapters.sealing.PadesSealer} (PAdES B-B to
 * B-LTA on PDFs), {@link io.github.aktenlift.adapters.sealing.DocumentTimestamper} (B-LTA renewal
 * of already sealed PDFs), {@link io.github.aktenlift.adapters.sealing.PdfAttachments} (a PDF/A
 * transfer note embedded in a rendition), {@link io.github.aktenlift.adapters.sealing.DetachedSealer}
 * (CAdES seals and RFC 3161 tokens beside JSON documents),
 * {@link io.github.aktenlift.adapters.sealing.SealVerifier} (integrity, chain and imprint of every
 * signature and timestamp), and the SPI providers for {@code pkcs12:}, {@code pkcs11:} and
 * {@code tsa:} URIs.
 *
 * <p>Every operation that changes a PDF writes a <em>new</em> file: the original bytes unchanged,
 * followed by incremental updates. Targets must not exist, and a failed operation leaves none.
 *
 * @since 0.1
 */
package io.github.aktenlift.adapters.sealing;
