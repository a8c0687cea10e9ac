package io.github.aktenlift.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Reading back what the generator wrote, for assertions. */
final class Images {

    private Images() {
    }

    /** A reader positioned on the bytes; the caller disposes it. */
    static ImageReader reader(byte[] bytes) throws IOException {
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader recognises these bytes");
        }
        ImageReader reader = readers.next();
        reader.setInput(in);
        return reader;
    }

    static String formatName(byte[] bytes) throws IOException {
        ImageReader reader = reader(bytes);
        try {
            return reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
        } finally {
            reader.dispose();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = HashingOutputStream.sha256();
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Offset of the first JPEG marker {@code 0xFF marker} among the header segments, or -1. */
    static int jpegMarker(byte[] jpeg, int marker) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int m = jpeg[i + 1] & 0xff;
            if (m == marker) {
                return i;
            }
            if (m == 0xDA) {
                return -1;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        return -1;
    }
}
