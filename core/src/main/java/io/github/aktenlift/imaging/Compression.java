package io.github.aktenlift.imaging;

/**
 * How the pixels of an image are compressed inside its file.
 *
 * @since 0.1
 */
public enum Compression {
    /** JPEG's discrete cosine transform (baseline or progressive, Huffman coded). */
    DCT,
    /** CCITT T.6 (Group 4) fax coding, TIFF compression 4. */
    CCITT_G4,
    /** CCITT T.4 (Group 3) fax coding, TIFF compression 3. */
    CCITT_G3,
    /** Lempel-Ziv-Welch, TIFF compression 5. */
    LZW,
    /** Deflate (zlib), TIFF compression 8 or 32946, and every PNG. */
    DEFLATE,
    /** PackBits run lengths, TIFF compression 32773. */
    PACKBITS,
    /** Uncompressed, TIFF compression 1. */
    NONE,
    /** Anything else (old-style JPEG in TIFF, CCITT RLE, vendor codes). */
    OTHER
}
