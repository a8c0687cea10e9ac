package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.storage.Key;

import java.nio.charset.StandardCharsets;

/**
 * Maps keys onto S3 object names under the prefix. The namespaces are one letter long so that as
 * much of S3's 1024-byte limit as possible is left for the key itself:
 * {@code <prefix>/c/<key>} content, {@code <prefix>/s/<upload id>} size and SHA-256 of multipart
 * content while it is being made self-contained (and of content from before issue 20),
 * {@code <prefix>/r/<key>/<19-digit slot>} one object per record write (the newest few are kept),
 * {@code <prefix>/l/<log key>/<19-digit sequence>} one object per log batch,
 * {@code <prefix>/p/<id>} the start-up probe. The key is kept verbatim (no escaping), so ordinary
 * S3 tools show and accept the key as it is; docs/s3-adapter.md describes the layout for operators.
 *
 * <p>Content names written before issue 20 end with a TAB ({@value #LEGACY_END}), which kept a
 * name from being a "directory" of another on stores that keep objects as files. They are still
 * read: a key is looked up under its plain name first, then under the old one. The guarantee is
 * now kept by {@link S3Content#put} refusing a key above or below a stored one. TAB sorts below
 * every character a {@link Key} may contain, so the old name of a key sorts right after its plain
 * name and both layouts list in key order.
 */
final class ObjectNames {

    static final int MAX_NAME_BYTES = 1024;
    static final int SEQUENCE_DIGITS = 19;
    static final char LEGACY_END = '\t';

    private final String base;
    private final int baseBytes;

    ObjectNames(String prefix) {
        this.base = prefix.isEmpty() ? "" : prefix + "/";
        this.baseBytes = utf8(base);
    }

    /** @return the plain object name of a content key */
    String content(Key key) {
        return checked(key, "c/", 0);
    }

    /** @return the name a content key had before issue 20, or {@code null} where it would exceed S3's limit (so none exists) */
    String legacyContent(Key key) {
        String name = base + "c/" + key.value() + LEGACY_END;
        return utf8(name) > MAX_NAME_BYTES ? null : name;
    }

    /** @return a name that sorts after both names of the key and before every name of a greater key */
    String contentAfter(Key key) {
        return base + "c/" + key.value() + LEGACY_END;
    }

    /** @return the S3 prefix under which content names start */
    String contentRoot() {
        return base + "c/";
    }

    String contentPrefix(String keyPrefix) {
        return base + "c/" + keyPrefix;
    }

    /** @return the key of a content object name (plain or old), or {@code null} for a name that maps to no key */
    Key contentKey(String objectName) {
        String root = base + "c/";
        if (!objectName.startsWith(root) || objectName.length() == root.length()) {
            return null;
        }
        int end = objectName.charAt(objectName.length() - 1) == LEGACY_END ? objectName.length() - 1 : objectName.length();
        try {
            return Key.of(objectName.substring(root.length(), end));
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
