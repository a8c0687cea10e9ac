package io.github.aktenlift.spi.storage;

import io.github.aktenlift.spi.IllegalKeyException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A storage key: one or more segments joined by {@code /}, such as {@code journal/events} or
 * {@code renditions/F0000017/doc-1.pdf}.
 *
 * <p>Legal: any Unicode text of at most {@value #MAX_UTF8_BYTES} UTF-8 bytes whose segments are
 * non-empty, are not {@code .} or {@code ..}, and contain no control character, no backslash and no
 * unpaired surrogate. Spaces, umlauts, colons and other unusual but printable characters are legal;
 * mapping them onto a concrete store (a file name, an object key) is the adapter's job.
 *
 * <p>Keys order by their UTF-8 bytes (the order S3 lists in), which is code-point order.
 *
 * @param value the key text, validated
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Key(String value) implements Comparable<Key> {

    /** The longest key in UTF-8 bytes, the limit of S3 object keys. */
    public static final int MAX_UTF8_BYTES = 1024;

    /**
     * Validates the key.
     *
     * @throws IllegalKeyException if the text is not a legal key
     * @param value the key text, validated
     */
    public Key {
        validate(value);
    }

    /**
     * @param value the key text
     * @return the key
     * @throws IllegalKeyException if the text is not a legal key
     */
    public static Key of(String value) {
        return new Key(value);
    }

    /**
     * @param first the first segment or segments
     * @param more further segments, each a legal key fragment
     * @return the segments joined by {@code /}
     * @throws IllegalKeyException if the result is not a legal key
     */
    public static Key of(String first, String... more) {
        if (more.length == 0) {
            return new Key(first);
        }
        StringBuilder b = new StringBuilder(first);
        for (String m : more) {
            b.append('/').append(m);
        }
        return new Key(b.toString());
    }

    /**
     * @param segment one more segment, or several joined by {@code /}
     * @return this key with the segment appended
     */
    public Key resolve(String segment) {
        return new Key(value + '/' + segment);
    }

    /** @return the segments, in order */
    public List<String> segments() {
        return List.of(value.split("/", -1));
    }

    /**
     * @param prefix {@code ""} for every key, or a key text
     * @return whether this key lies under the prefix: equal to it or below it at a segment boundary
     */
    public boolean isUnder(String prefix) {
        return prefix.isEmpty() || value.equals(prefix)
                || (value.startsWith(prefix) && value.charAt(prefix.length()) == '/');
    }

    @Override
    public int compareTo(Key other) {
        return compareUtf8(value, other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Compares two strings by their UTF-8 bytes, which equals code-point order.
     *
     * @param a one string
     * @param b another
     * @return negative, zero or positive
     */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Checks a prefix argument of a list call: {@code ""} or a legal key.
     *
     * @param prefix the prefix
     * @throws IllegalKeyException if it is neither
     */
    public static void validatePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalKeyException(null, "prefix is null (use \"\" for all keys)");
        }
        if (!prefix.isEmpty()) {
            validate(prefix);
        }
    }

    private static void validate(String value) {
        if (value == null) {
            throw new IllegalKeyException(null, "key is null");
        }
        if (value.isEmpty()) {
            throw new IllegalKeyException(value, "key is empty");
        }
        if (value.charAt(0) == '/') {
            throw new IllegalKeyException(value, "absolute keys are not allowed");
        }
        int segmentStart = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '/') {
                int len = i - segmentStart;
                if (len == 0) {
                    throw new IllegalKeyException(value, "empty segment at character " + i);
                }
                if ((len == 1 && value.charAt(segmentStart) == '.')
                        || (len == 2 && value.charAt(segmentStart) == '.' && value.charAt(segmentStart + 1) == '.')) {
                    throw new IllegalKeyException(value, "'.' and '..' segments are not allowed");
                }
                segmentStart = i + 1;
                continue;
            }
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new IllegalKeyException(value, "control character at index " + i);
            }
            if (c == '\\') {
                throw new IllegalKeyException(value, "backslash at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new IllegalKeyException(value, "unpaired surrogate at index " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalKeyException(value, "unpaired surrogate at index " + i);
            }
        }
        if (value.length() > MAX_UTF8_BYTES / 3 && value.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new IllegalKeyException(value, "longer than " + MAX_UTF8_BYTES + " UTF-8 bytes");
        }
    }
}
