package io.github.aktenlift.adapters.xdomea;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What Aktenlift keeps of a hand-over in {@code state/<ProzessID>.handover}, written before the
 * message is delivered: enough to read the answers (which name objects by id) and to answer
 * {@code status} without the message. Properties format, UTF-8; no personal data.
 */
record HandOverRecord(String idempotencyKey, String eFileId, UUID processId, String message, UUID akteId,
        List<UUID> objectIds, Instant handedOverAt) {

    static final String FORMAT = "aktenlift-xdomea-handover/1";

    HandOverRecord {
        objectIds = List.copyOf(objectIds);
    }

    byte[] toBytes() throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("idempotencyKey", idempotencyKey);
        p.setProperty("eFileId", eFileId);
        p.setProperty("processId", processId.toString());
        p.setProperty("message", message);
        p.setProperty("akteId", akteId.toString());
        p.setProperty("objectIds", objectIds.stream().map(UUID::toString).collect(Collectors.joining(",")));
        p.setProperty("handedOverAt", handedOverAt.toString());
        StringWriter w = new StringWriter();
        p.store(w, null);
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException if the record is damaged or of another format */
    static HandOverRecord parse(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            if (!FORMAT.equals(p.getProperty("format"))) {
                throw new IllegalArgumentException("not a hand-over record of format " + FORMAT);
            }
            return new HandOverRecord(need(p, "idempotencyKey"), need(p, "eFileId"), UUID.fromString(need(p, "processId")),
                    need(p, "message"), UUID.fromString(need(p, "akteId")),
                    Arrays.stream(need(p, "objectIds").split(",")).map(UUID::fromString).toList(),
                    Instant.parse(need(p, "handedOverAt")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("hand-over record is damaged", e);
        }
    }

    private static String need(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("lacks " + key);
        }
        return v;
    }
}
