package io.github.aktenlift.testkit.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a forger with write access to the storage, but without the journal key, does to stored
 * entries: edits them in place, breaks them, forges new ones from their neighbours. Entries are
 * handled as the JSON objects they are stored as (see core's event codec); Jackson keeps their
 * field order.
 */
final class Forgery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Forgery() {
    }

    /** @return the entry parsed */
    static ObjectNode parse(byte[] entry) {
        try {
            JsonNode n = JSON.readTree(entry);
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException("a stored entry is not a JSON object");
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the entry's bytes */
    static byte[] write(ObjectNode entry) {
        try {
            return JSON.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One character of the event's actor changed in the stored bytes; the JSON still parses and
     * every other byte, the stored hash included, is as it was.
     */
    static byte[] editedInPlace(byte[] event) {
        byte[] marker = "\"actor\":\"".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(event, marker, 0);
        if (at < 0 || at + marker.length >= event.length) {
            throw new IllegalArgumentException("a stored event without an actor");
        }
        byte[] out = event.clone();
        int i = at + marker.length;
        out[i] = (byte) (out[i] == 'x' ? 'y' : 'x');
        return out;
    }

    /** The entry's first byte changed so that it is no JSON object any more. */
    static byte[] broken(byte[] entry) {
        byte[] out = entry.clone();
        out[0] = (byte) '[';
        return out;
    }

    /**
     * A forged event for position {@code p}: it continues the stream of the event before it (or,
     * at 0, starts that of the first event), with the right sequence, stream sequence and chain
     * link, the neighbour's kind, time, actor and payload, and a well-formed hash computed without
     * the key, as a forger must.
     */
    static byte[] forgedAt(java.util.List<byte[]> events, int p) {
        ObjectNode neighbour = parse(events.get(Math.max(0, p - 1)));
        ObjectNode forged = neighbour.deepCopy();
        forged.put("seq", p);
        if (p > 0) {
            forged.put("sseq", neighbour.get("sseq").asLong() + 1);
            forged.put("prev", neighbour.get("hash").asText());
        }
        forged.put("hash", sha256(("forged " + p + " " + neighbour.get("hash").asText()).getBytes(StandardCharsets.UTF_8)));
        return write(forged);
    }

    /** A checkpoint whose heads digest has its first hex digit changed; its stored hash is kept. */
    static byte[] checkpointEdited(byte[] checkpoint) {
        ObjectNode c = parse(checkpoint);
        c.put("heads", flipFirstHexDigit(c.get("heads").asText()));
        return write(c);
    }

    /** @return the number of events a stored checkpoint covers */
    static long covers(byte[] checkpoint) {
        return parse(checkpoint).get("covers").asLong();
    }

    /** A subject entry with another surname; its key is kept. */
    static byte[] subjectEdited(byte[] entry) {
        ObjectNode s = parse(entry);
        s.put("surname", s.get("surname").asText() + "X");
        return write(s);
    }

    /** @return the key under which the journal names a subject entry */
    static String subjectKey(byte[] entry) {
        return parse(entry).get("key").asText();
    }

    /** A head record whose seal (its last line) has its last hex digit changed. */
    static byte[] headResealed(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        int last = text.length() - 1;
        char c = text.charAt(last);
        return (text.substring(0, last) + (c == '0' ? '1' : '0')).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the first index of {@code what} in {@code in} at or after {@code from}, or -1 */
    static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = Math.max(0, from); i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return a copy with one byte changed at {@code offset} (xor with a non-zero mask) */
    static byte[] flipped(byte[] bytes, int offset, int mask) {
        byte[] out = Arrays.copyOf(bytes, bytes.length);
        out[offset] ^= (byte) (mask == 0 ? 1 : mask);
        return out;
    }

    private static String flipFirstHexDigit(String hex) {
        return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
    }

    /** @return the SHA-256 of the bytes, in lower-case hex */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DIGEST.get().digest(bytes));
    }

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
