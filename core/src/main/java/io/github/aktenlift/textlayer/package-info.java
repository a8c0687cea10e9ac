/**
 * Internal: the recognised text of a page image (words with their boxes, in the image's pixels),
 * read from a scan service's ALTO or hOCR file with a hardened XML parser, or taken from an OCR
 * engine; the renderer lays it over the image as an invisible text layer. Not exported.
 */
package io.github.aktenlift.textlayer;
