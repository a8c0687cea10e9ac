package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.storage.Key;

import java.nio.charset.StandardCharsets;

/**
 * Maps keys onto S3 object names under the prefix. The namespaces are one letter long so that as
 * much of S3's 1024-byte limit as possible is left for the key itself:
 * {@code <prefix>/c/<key>} content, {@code <prefix>/s/<upload id>} size and SHA-256 of multipart
 * content, {@code <prefix>/r/<key>/<19-digit slot>} one object per record write (the newest few are kept), {@code <prefix>/l/<log key>/<19-digit sequence>} one
 * object per log batch, {@code <prefix>/p/<id>} the start-up probe. The key is kept verbatim (no
 * escaping), so ordinary S3 tools show the key.
 *
 * <p>Content names end with a TAB ({@value #END}). S3 itself stores {@code a/b} next to
 * {@code a/b/c}, but stores that keep objects as files (MinIO, S3Proxy's NIO.2 back-ends, many
 * appliances) cannot hold a file and a directory of the same name; with the terminator no object
 * name is a directory of another. TAB sorts below every character a {@link Key} may contain, so
 * S3's UTF-8 name order remains the key order, and it is legal in XML listings.
 */
final class ObjectNames {

    static final int MAX_NAME_BYTES = 1024;
    static final int SEQUENCE_DIGITS = 19;
    static final char END = '\t';

    private final String base;
    private final int baseBytes;

    ObjectNames(String prefix) {
        this.base = prefix.isEmpty() ? "" : prefix + "/";
        this.baseBytes = utf8(base);
    }

    String content(Key key) {
        return checked(key, "c/", 1) + END;
    }

    /** @return the S3 prefix under which content names start */
    String contentRoot() {
        return base + "c/";
    }

    String contentPrefix(String keyPrefix) {
        return base + "c/" + keyPrefix;
    }

    /** @return the key of a content object name, or {@code null} for a name the adapter did not write */
    Key contentKey(String objectName) {
        if (!objectName.startsWith(base + "c/") || objectName.length() < base.length() + 4
                || objectName.charAt(objectName.length() - 1) != END) {
            return null;
        }
        try {
            return Key.of(objectName.substring(base.length() + 2, objectName.length() - 1));
        } catch (RuntimeException foreign) {
            return null;
        }
    }

    String sums(String uploadId) {
        return base + "s/" + uploadId;
    }

    /** @return the S3 prefix of a record's version objects, ending in {@code /} */
    String recordPrefix(Key key) {
        return checked(key, "r/", 1 + SEQUENCE_DIGITS) + "/";
    }

    String recordSlot(Key key, long slot) {
        return recordPrefix(key) + sequence(slot);
    }

    /** @return the S3 prefix of a log's batch objects, ending in {@code /} */
    String logPrefix(Key log) {
        return checked(log, "l/", 1 + SEQUENCE_DIGITS) + "/";
    }

    String logBatch(Key log, long start) {
        return logPrefix(log) + sequence(start);
    }

    static String sequence(long start) {
        String digits = Long.toString(start);
        return "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }

    /** @return the number encoded in a name under a log's or record's prefix, or -1 if the name is not one of its slots */
    static long batchStart(String logPrefix, String objectName) {
        if (objectName.length() != logPrefix.length() + SEQUENCE_DIGITS) {
            return -1;
        }
        for (int i = logPrefix.length(); i < objectName.length(); i++) {
            char c = objectName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(objectName.substring(logPrefix.length()));
    }

    String probe(String id) {
        return base + "p/" + id;
    }

    private String checked(Key key, String namespace, int suffixBytes) {
        String name = base + namespace + key.value();
        int bytes = baseBytes + namespace.length() + utf8(key.value()) + suffixBytes;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalKeyException(key.value(), "with the store's prefix and namespace the S3 object name"
                    + " would be " + bytes + " UTF-8 bytes, over S3's limit of " + MAX_NAME_BYTES
                    + "; use a shorter key or prefix");
        }
        return name;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
