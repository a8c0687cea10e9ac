package io.github.aktenlift.adapters.filesystem;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Storage format 2: maps one key segment onto a file name an operator can read, and back.
 *
 * <p>A segment of {@code A–Z a–z 0–9 . _ -} that does not start or end with a dot and is no
 * Windows device name ({@code con}, {@code nul}, {@code com1}…, in any case, also with an
 * extension) is its own file name: {@code F000000017X}, {@code doc-1.pdf}. Any other segment is
 * escaped like format 1 ({@code %XX}, uppercase hex, of each UTF-8 byte outside that alphabet, of
 * a leading or trailing dot, of a device name's first character) but keeps its letters' case;
 * such a name always holds a {@code %}, which a plain name never does, so the two never meet. A
 * name longer than {@value FileNames#MAX_NAME_BYTES} bytes becomes {@code ~} and 32 hex digits,
 * with the segment in a {@code ~n} file beside it, as in format 1. {@code ~} never occurs in a
 * plain or escaped name, so the adapter's own files ({@code ~sum}, {@code ~n}) cannot be forged.
 *
 * <p>Names keep their case, so two segments that differ only in case would be one file on a
 * case-insensitive filesystem (Windows, macOS, an SMB share). Every name is ASCII, so such
 * filesystems fold it the same way {@link #fold} does; the content store refuses a name whose
 * fold is taken by another name in the same directory.
 */
final class PlainNames {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
            "conin$", "conout$", "clock$");

    private PlainNames() {
    }

    /**
     * @param segment a non-empty segment
     * @return its file name: plain, escaped or hashed
     */
    static String encode(String segment) {
        String e = escape(segment);
        return e != null ? e : FileNames.hashed(segment);
    }

    /** @return the plain or escaped name, or {@code null} if it would exceed {@link FileNames#MAX_NAME_BYTES} */
    private static String escape(String segment) {
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(utf8.length + 8);
        for (int i = 0; i < utf8.length; i++) {
            int c = utf8[i] & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || (c == '.' && i != 0 && i != utf8.length - 1);
            if (plain) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        int dot = b.indexOf(".");
        String base = (dot < 0 ? b.toString() : b.substring(0, dot)).toLowerCase(Locale.ROOT);
        if (DEVICE_NAMES.contains(base)) {
            int c = b.charAt(0);
            b.replace(0, 1, "%" + HEX[c >> 4] + HEX[c & 0xf]);
        }
        return b.length() > FileNames.MAX_NAME_BYTES ? null : b.toString();
    }

    /**
     * @param name a plain or escaped name as found on disk (not a hashed one)
     * @return the segment, or empty if the name is not one this class produces (a foreign file)
     */
    static Optional<String> decode(String name) {
        if (name.isEmpty() || name.indexOf('~') >= 0) {
            return Optional.empty();
        }
        // the escape syntax is format 1's; only the canonical name of a segment counts
        Optional<String> segment = name.indexOf('%') < 0 ? Optional.of(name) : FileNames.unescape(name);
        return segment.filter(s -> name.equals(escape(s)));
    }

    /** @return the name as a case-insensitive filesystem compares it (every name here is ASCII) */
    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
