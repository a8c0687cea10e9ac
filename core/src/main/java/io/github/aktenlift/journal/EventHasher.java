package io.github.aktenlift.journal;

import io.github.aktenlift.tracking.EventKind;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes the canonical form of events and checkpoints: length-prefixed UTF-8 fields behind a domain
 * tag, so no two different events share an input. SHA-256, or HMAC-SHA-256 with a journal key (then
 * a forger without the key cannot recompute a valid chain). Not thread-safe: one per thread.
 */
public final class EventHasher {

    /** The previous hash of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] EVENT_TAG = "aktenlift/event/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECKPOINT_TAG = "aktenlift/checkpoint/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_TAG = "aktenlift/head/v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;
    private final Mac mac;
    private byte[] buf = new byte[512];
    private int len;

    /** @param key HMAC key, or {@code null} for plain SHA-256 */
    public EventHasher(byte[] key) {
        try {
            if (key == null) {
                digest = MessageDigest.getInstance("SHA-256");
                mac = null;
            } else {
                digest = null;
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256/HMAC-SHA-256 missing from the JDK", e);
        }
    }

    /**
     * @return the event's hash, 64 hex digits
     */
    public String hashEvent(long sequence, String stream, long streamSequence, Instant time, String actor,
            String location, EventKind kind, Map<String, String> payload, String previousHash) {
        len = 0;
        raw(EVENT_TAG);
        num(sequence);
        str(stream);
        num(streamSequence);
        num(time.getEpochSecond());
        num(time.getNano());
        str(actor);
        str(location);
        str(kind.name());
        num(payload.size());
        for (Map.Entry<String, String> e : payload.entrySet()) {
            str(e.getKey());
            str(e.getValue());
        }
        str(previousHash);
        return finish();
    }

    /**
     * @return the checkpoint's hash, 64 hex digits
     */
    public String hashCheckpoint(long covers, long streams, String headsDigest, Instant time, String previousHash) {
        len = 0;
        raw(CHECKPOINT_TAG);
        num(covers);
        num(streams);
        str(headsDigest);
        num(time.getEpochSecond());
        num(time.getNano());
        str(previousHash);
        return finish();
    }

    /**
     * @return the seal of a journal head record, 64 hex digits
     */
    public String hashHead(long events, String lastEventHash, long checkpoints, String lastCheckpointHash) {
        len = 0;
        raw(HEAD_TAG);
        num(events);
        str(lastEventHash);
        num(checkpoints);
        str(lastCheckpointHash);
        return finish();
    }

    private String finish() {
        byte[] out;
        if (mac != null) {
            mac.update(buf, 0, len);
            out = mac.doFinal();
        } else {
            digest.update(buf, 0, len);
            out = digest.digest();
        }
        return HEX.formatHex(out);
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void num(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[len++] = (byte) (v >>> (i * 8));
        }
    }

    private void str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        num(b.length);
        raw(b);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
