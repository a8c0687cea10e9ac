/**
 * Internal: reading what a page image is from its headers alone (format, compression, pixel size,
 * resolution, TIFF strip layout), without decoding pixels, and rejecting truncated, corrupt,
 * mislabelled and oversized files cheaply. Not exported: the capture pipeline and the rendition
 * engine use it from inside the core module.
 */
package io.github.aktenlift.imaging;
