/**
 * What a PDF/A rendition of scanned pages is, as library users see it in scan protocols and
 * import packages: the rendition's size and SHA-256, and per page the source image's SHA-256 and
 * whether its compressed bytes went into the PDF as they were or were re-encoded, and how.
 *
 * <p>Only these value types are exported. The engine that writes renditions, and the requests it
 * takes (which carry header facts from the unexported {@code imaging} package), live in the
 * unexported package {@code io.github.aktenlift.pdfa}: the capture pipeline calls it from inside
 * the core module, and users never need to.
 *
 * @since 0.1
 */
package io.github.aktenlift.rendition;
