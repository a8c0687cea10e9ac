package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.IntegrityException;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Storage format 2: the file {@code <name>~sum} beside an object file, which records what the
 * object must be. UTF-8 text, one field a line, in this order:
 *
 * <pre>
 * aktenlift object 2
 * key renditions/F000000017X/1/doc-1.pdf
 * size 48213
 * sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * write 5c1d0e9a7b3f2a61
 * crc32c 0a1b2c3d
 * </pre>
 *
 * <p>{@code key} names the object, so that a sidecar read through a name another spelling of the
 * key shares on a case-insensitive filesystem, or a file moved by hand, is never taken for the
 * key's. {@code write} is fresh random for every sidecar written: a reader that reads the sidecar
 * before and after opening the object and finds the same text knows that no writer replaced the
 * object in between. {@code crc32c} (eight lowercase hex digits) covers every byte before its
 * line. While a {@code put} replaces an object, the sidecar holds the new and the old version
 * (a second {@code size}/{@code sha256} pair after the first), so that the object file is valid
 * whichever of the two it is when a crash stops the put; the object is the version whose size
 * (and, if both sizes are equal, whose SHA-256) it has.
 *
 * @param key the object's key text
 * @param versions the recorded versions, newest first; one, or two while a put replaces the object
 * @param write the random tag of this write, 16 lowercase hex digits
 */
record Sidecar(String key, List<Version> versions, String write) {

    /** The suffix of a sidecar's name after its object's name. */
    static final String SUFFIX = "~sum";
    /** Longest sidecar read: a key of at most 1024 UTF-8 bytes and fixed fields leave plenty of room. */
    static final int MAX_BYTES = 4096;

    private static final String MAGIC = "aktenlift object 2";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One recorded version: size and SHA-256 (64 lowercase hex digits). */
    record Version(long size, String sha256) {
        Version {
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    Sidecar {
        versions = List.copyOf(versions);
        if (versions.isEmpty() || versions.size() > 2) {
            throw new IllegalArgumentException("one or two versions: " + versions.size());
        }
    }

    /** A sidecar for a new write of the given versions, with a fresh write tag. */
    static Sidecar of(String key, List<Version> versions) {
        byte[] tag = new byte[8];
        RANDOM.nextBytes(tag);
        return new Sidecar(key, versions, HexFormat.of().formatHex(tag));
    }

    /** @return the file's bytes */
    byte[] bytes() {
        StringBuilder b = new StringBuilder(256).append(MAGIC).append('\n').append("key ").append(key).append('\n');
        for (Version v : versions) {
            b.append("size ").append(v.size()).append('\n').append("sha256 ").append(v.sha256()).append('\n');
        }
        b.append("write ").append(write).append('\n');
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] line = String.format("crc32c %08x\n", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + line.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(line, 0, out, body.length, line.length);
        return out;
    }

    /**
     * Reads a sidecar's bytes.
     *
     * @param objectKey the key being read, for the exception
     * @throws IntegrityException if the bytes are not a sidecar or fail their CRC32C
     */
    static Sidecar parse(String objectKey, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw damaged(objectKey, "not UTF-8 text");
        }
        if (!text.endsWith("\n")) {
            throw damaged(objectKey, "incomplete");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if ((lines.length != 6 && lines.length != 8) || !lines[0].equals(MAGIC)) {
            throw damaged(objectKey, "not a sidecar of this format");
        }
        String crcLine = lines[lines.length - 1];
        int bodyLength = text.length() - crcLine.length() - 1;
        CRC32C crc = new CRC32C();
        crc.update(text.substring(0, bodyLength).getBytes(StandardCharsets.UTF_8));
        if (!crcLine.equals(String.format("crc32c %08x", crc.getValue()))) {
            throw damaged(objectKey, "fails its CRC32C");
        }
        String key = field(objectKey, lines[1], "key");
        Version newest = version(objectKey, lines[2], lines[3]);
        List<Version> versions = lines.length == 8 ? List.of(newest, version(objectKey, lines[4], lines[5]))
                : List.of(newest);
        String write = field(objectKey, lines[lines.length - 2], "write");
        if (!write.matches("[0-9a-f]{16}")) {
            throw damaged(objectKey, "malformed write tag");
        }
        return new Sidecar(key, versions, write);
    }

    private static Version version(String objectKey, String sizeLine, String shaLine) {
        long size;
        try {
            size = Long.parseLong(field(objectKey, sizeLine, "size"));
        } catch (NumberFormatException e) {
            throw damaged(objectKey, "malformed size");
        }
        String sha = field(objectKey, shaLine, "sha256");
        if (size < 0 || !sha.matches("[0-9a-f]{64}")) {
            throw damaged(objectKey, "malformed size or SHA-256");
        }
        return new Version(size, sha);
    }

    private static String field(String objectKey, String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw damaged(objectKey, "field '" + name + "' missing");
        }
        return line.substring(name.length() + 1);
    }

    private static IntegrityException damaged(String objectKey, String why) {
        return new IntegrityException(objectKey, "sidecar " + why);
    }
}
