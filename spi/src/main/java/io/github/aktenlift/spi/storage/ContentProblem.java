package io.github.aktenlift.spi.storage;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An object under a listed prefix that a {@link ContentStore} cannot list as content: reported
 * beside the valid objects of a {@link ContentPage} instead of ending the listing.
 *
 * @param key the object's key text; for a {@link Reason#FOREIGN} object whose name maps to no
 *     legal {@link Key}, its name below the store's content root, with control characters,
 *     backslashes and unpaired surrogates escaped as {@code \\uXXXX} so that it cannot forge a log
 *     line (a legal key is kept as it is); never {@code null} or empty
 * @param reason why it is not listed as content; never {@code null}
 * @param detail what is wrong, naming no content; never {@code null}
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ContentProblem(String key, Reason reason, String detail) {

    /** Why an object is reported as a problem. */
    public enum Reason {
        /**
         * Not written by the adapter: its name maps to no key, or it carries none of what the
         * adapter records with every object (size and SHA-256). Typically an object another tool
         * put there.
         */
        FOREIGN,
        /**
         * Written by the adapter, but what it recorded (size and SHA-256, header, metadata) is
         * missing, malformed or fails its own check: the object cannot be verified, so
         * {@link ContentStore#head} and {@link ContentStore#get} throw
         * {@link io.github.aktenlift.spi.IntegrityException} for it.
         */
        DAMAGED
    }

    /**
     * Checks the fields and escapes the key.
     *
     * @param key the object's key text; for a {@link Reason#FOREIGN} object whose name maps to no legal
     *     {@link Key}, its name below the store's content root, with control characters, backslashes and
     *     unpaired surrogates escaped as {@code \\uXXXX} so that it cannot forge a log line (a legal key is
     *     kept as it is); never {@code null} or empty
     * @param reason why it is not listed as content; never {@code null}
     * @param detail what is wrong, naming no content; never {@code null}
     */
    public ContentProblem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        key = escape(key);
    }

    /**
     * @param key the damaged object's key
     * @param detail what is wrong, naming no content
     * @return a {@link Reason#DAMAGED} problem
     */
    public static ContentProblem damaged(Key key, String detail) {
        return new ContentProblem(key.value(), Reason.DAMAGED, detail);
    }

    /**
     * @param name the object's key text, or its name below the content root
     * @param detail why it is foreign
     * @return a {@link Reason#FOREIGN} problem
     */
    public static ContentProblem foreign(String name, String detail) {
        return new ContentProblem(name, Reason.FOREIGN, detail);
    }

    /** @return the key, if the reported text is a legal key (always for {@link Reason#DAMAGED}) */
    public Optional<Key> legalKey() {
        try {
            return Optional.of(Key.of(key));
        } catch (RuntimeException notAKey) {
            return Optional.empty();
        }
    }

    private static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\\'
                    || (Character.isSurrogate(c) && !paired(s, i));
            if (bad && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (bad) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean paired(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
