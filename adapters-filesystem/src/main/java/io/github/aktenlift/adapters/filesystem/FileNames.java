package io.github.aktenlift.adapters.filesystem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Maps one key segment (or any identifier) onto a file name that is safe on every filesystem an
 * office is likely to use, and back.
 *
 * <p>The encoded name uses only {@code a–z 0–9 . _ -} and {@code %XX} escapes (uppercase hex) of
 * the segment's UTF-8 bytes. Uppercase letters are escaped, so case-insensitive filesystems (macOS,
 * Windows shares) never merge {@code ABC} and {@code abc}: two encodings that differ only in case
 * are identical, because escapes line up at the same positions and use uppercase hex only. Leading
 * and trailing dots are escaped (hidden files, Windows trimming), and so is the first character of
 * a Windows device name ({@code con}, {@code nul}, {@code com1}, {@code lpt1}…, also with an
 * extension). A name whose encoding exceeds {@value #MAX_NAME_BYTES} bytes is replaced by
 * {@code ~} and 32 hex digits of its SHA-256; the adapter stores the full segment next to it.
 * Names the adapter adds a role to end in {@code ~} and one letter; {@code ~} never occurs in an
 * encoded name, so no segment can impersonate another's role or hash.
 */
final class FileNames {

    /** Longest encoded name kept as is; leaves room for suffixes below the common 255-byte limit. */
    static final int MAX_NAME_BYTES = 200;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
            "conin$", "conout$", "clock$");

    private FileNames() {
    }

    /**
     * @param segment a non-empty segment
     * @return its escaped name, or {@code null} if that would exceed {@link #MAX_NAME_BYTES}
     */
    static String escape(String segment) {
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(utf8.length + 8);
        for (int i = 0; i < utf8.length; i++) {
            int c = utf8[i] & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c == '.' && i != 0 && i != utf8.length - 1);
            if (plain) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        int dot = b.indexOf(".");
        String base = dot < 0 ? b.toString() : b.substring(0, dot);
        if (DEVICE_NAMES.contains(base)) {
            int c = b.charAt(0);
            b.replace(0, 1, "%" + HEX[c >> 4] + HEX[c & 0xf]);
        }
        return b.length() > MAX_NAME_BYTES ? null : b.toString();
    }

    /**
     * @param segment a non-empty segment
     * @return its file name: the escaped form, or the hashed form for long segments
     */
    static String encode(String segment) {
        String e = escape(segment);
        return e != null ? e : hashed(segment);
    }

    /** @return whether the name is a hashed name, whose segment is stored alongside */
    static boolean isHashed(String name) {
        return name.length() == 33 && name.charAt(0) == '~';
    }

    static String hashed(String segment) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(segment.getBytes(StandardCharsets.UTF_8));
            return "~" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param name an escaped name as found on disk
     * @return the segment, or empty if the name is not one this class produces (a foreign file)
     */
    static Optional<String> decode(String name) {
        // only the canonical encoding counts: a foreign or hand-made file is ignored, never misread
        return unescape(name).filter(segment -> name.equals(escape(segment)));
    }

    /**
     * @param name a name of ASCII characters and {@code %XX} escapes
     * @return the non-empty UTF-8 text the escapes spell, or empty if the name is malformed; not
     *     checked to be canonical
     */
    static Optional<String> unescape(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(name.charAt(i + 1), 16);
                int lo = Character.digit(name.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        String segment;
        try {
            segment = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        return segment.isEmpty() ? Optional.empty() : Optional.of(segment);
    }
}
