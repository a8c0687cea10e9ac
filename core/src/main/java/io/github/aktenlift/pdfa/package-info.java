/**
 * Internal: writing PDF/A-2b files: renditions of scanned pages ({@link
 * io.github.aktenlift.pdfa.PdfARenderer}) and human-readable reports such as the scan protocol
 * ({@link io.github.aktenlift.pdfa.ReportPdf}). Not exported.
 *
 * <p>Why here and not in the exported {@code rendition} package: the requests carry header facts
 * from the unexported {@code imaging} package, and only the capture pipeline inside the core module
 * builds them. Users see the results, which are exported from {@code io.github.aktenlift.rendition}.
 *
 * <p>Renditions are written by a small PDF writer of this package rather than by PDFBox, because
 * an image-only PDF/A-2b is a small fixed structure and writing it directly lets each page's
 * compressed bytes stream from the source file into the output once, hashed (and, for JPEG,
 * walked) on the way, with nothing kept per page but a few numbers; see {@link
 * io.github.aktenlift.pdfa.PdfARenderer}.
 * Reports, which need text layout and embedded fonts, are written with PDFBox.
 */
package io.github.aktenlift.pdfa;
