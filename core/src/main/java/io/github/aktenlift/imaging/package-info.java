/**
 * Internal: reading what a page image is from its headers alone (format, compression, pixel size,
 * resolution, TIFF strip layout), without decoding pixels, and rejecting truncated, corrupt,
 * mislabelled and oversized files cheaply; and walking their compressed data without decoding
 * (every G4 strip's codes and runs, every JPEG's markers and entropy-coded data), which finds
 * corruption that no header read can see. Not exported: the capture pipeline and the rendition
 * engine use it from inside the core module.
 */
package io.github.aktenlift.imaging;
