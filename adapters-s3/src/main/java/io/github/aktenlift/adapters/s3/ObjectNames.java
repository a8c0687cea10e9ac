package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.storage.Key;

import java.nio.charset.StandardCharsets;

/**
 * Maps keys onto S3 object names under the prefix. The namespaces are one letter long so that as
 * much of S3's 1024-byte limit as possible is left for the key itself:
 * {@code <prefix>/c/<key>} content, {@code <prefix>/s/<upload id>} size and SHA-256 of multipart
 * content, {@code <prefix>/r/<key>} records, {@code <prefix>/l/<log key>/<19-digit sequence>} one
 * object per log batch, {@code <prefix>/p/<id>} the start-up probe. The key is kept verbatim (no
 * escaping), so S3's UTF-8 byte order is the key order and ordinary S3 tools show the key.
 */
final class ObjectNames {

    static final int MAX_NAME_BYTES = 1024;
    static final int SEQUENCE_DIGITS = 19;

    private final String base;
    private final int baseBytes;

    ObjectNames(String prefix) {
        this.base = prefix.isEmpty() ? "" : prefix + "/";
        this.baseBytes = utf8(base);
    }

    String content(Key key) {
        return checked(key, "c/", 0);
    }

    /** @return the S3 prefix under which content names start */
    String contentRoot() {
        return base + "c/";
    }

    String contentPrefix(String keyPrefix) {
        return base + "c/" + keyPrefix;
    }

    Key contentKey(String objectName) {
        return Key.of(objectName.substring(base.length() + 2));
    }

    String sums(String uploadId) {
        return base + "s/" + uploadId;
    }

    String record(Key key) {
        return checked(key, "r/", 0);
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

    /** @return the batch start encoded in a name under the log's prefix, or -1 if it is not a batch of this log */
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
