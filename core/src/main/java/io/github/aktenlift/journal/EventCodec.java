package io.github.aktenlift.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored form of events and checkpoints: one compact JSON object per log entry, readable with any
 * JSON tool. Thread-safe.
 */
public final class EventCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventCodec() {
    }

    /** A checkpoint as stored. */
    public record Checkpoint(long covers, long streams, String headsDigest, Instant time, String previousHash,
            String hash) {
    }

    /** Raised when an entry cannot be read; the message names the field. */
    public static final class MalformedEntryException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedEntryException(String message) {
            super(message);
        }
    }

    /**
     * @param e an event
     * @return its stored bytes
     */
    public static byte[] encode(JournalEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("seq", e.sequence());
            g.writeStringField("stream", e.stream());
            g.writeNumberField("sseq", e.streamSequence());
            g.writeStringField("time", e.time().toString());
            g.writeStringField("actor", e.actor());
            g.writeStringField("loc", e.location());
            g.writeStringField("kind", e.kind().name());
            g.writeObjectFieldStart("data");
            for (Map.Entry<String, String> p : e.payload().entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeStringField("prev", e.previousHash());
            g.writeStringField("hash", e.hash());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * @param bytes a stored entry
     * @return the event
     * @throws MalformedEntryException if it is not a well-formed event
     */
    public static JournalEvent decode(byte[] bytes) throws MalformedEntryException {
        long seq = -1;
        long sseq = -1;
        String stream = null;
        String time = null;
        String actor = null;
        String loc = null;
        String kind = null;
        String prev = null;
        String hash = null;
        TreeMap<String, String> data = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEntryException("entry is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "seq" -> seq = number(p, t, field);
                    case "sseq" -> sseq = number(p, t, field);
                    case "stream" -> stream = text(p, t, field);
                    case "time" -> time = text(p, t, field);
                    case "actor" -> actor = text(p, t, field);
                    case "loc" -> loc = text(p, t, field);
                    case "kind" -> kind = text(p, t, field);
                    case "prev" -> prev = text(p, t, field);
                    case "hash" -> hash = text(p, t, field);
                    case "data" -> {
                        if (t != JsonToken.START_OBJECT) {
                            throw new MalformedEntryException("field 'data' is not an object");
                        }
                        data = new TreeMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            data.put(k, text(p, p.nextToken(), "data." + k));
                        }
                    }
                    default -> throw new MalformedEntryException("unknown field '" + field + "'");
                }
            }
        } catch (IOException ex) {
            throw new MalformedEntryException("not valid JSON");
        }
        if (seq < 0 || sseq < 0 || stream == null || time == null || actor == null || loc == null || kind == null
                || prev == null || hash == null || data == null) {
            throw new MalformedEntryException("a required field is missing");
        }
        EventKind k;
        try {
            k = EventKind.valueOf(kind);
        } catch (IllegalArgumentException ex) {
            throw new MalformedEntryException("unknown event kind '" + kind + "'");
        }
        Instant at;
        try {
            at = Instant.parse(time);
        } catch (DateTimeParseException ex) {
            throw new MalformedEntryException("field 'time' is not an instant");
        }
        return new JournalEvent(seq, stream, sseq, at, actor, loc, k, data, prev, hash);
    }

    /**
     * @param c a checkpoint
     * @return its stored bytes
     */
    public static byte[] encode(Checkpoint c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("covers", c.covers());
            g.writeNumberField("streams", c.streams());
            g.writeStringField("heads", c.headsDigest());
            g.writeStringField("time", c.time().toString());
            g.writeStringField("prev", c.previousHash());
            g.writeStringField("hash", c.hash());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * @param bytes a stored checkpoint
     * @return the checkpoint
     * @throws MalformedEntryException if it is not a well-formed checkpoint
     */
    public static Checkpoint decodeCheckpoint(byte[] bytes) throws MalformedEntryException {
        long covers = -1;
        long streams = -1;
        String heads = null;
        String time = null;
        String prev = null;
        String hash = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEntryException("checkpoint is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "covers" -> covers = number(p, t, field);
                    case "streams" -> streams = number(p, t, field);
                    case "heads" -> heads = text(p, t, field);
                    case "time" -> time = text(p, t, field);
                    case "prev" -> prev = text(p, t, field);
                    case "hash" -> hash = text(p, t, field);
                    default -> throw new MalformedEntryException("unknown field '" + field + "'");
                }
            }
            if (covers < 0 || streams < 0 || heads == null || time == null || prev == null || hash == null) {
                throw new MalformedEntryException("a required checkpoint field is missing");
            }
            return new Checkpoint(covers, streams, heads, Instant.parse(time), prev, hash);
        } catch (IOException | DateTimeParseException ex) {
            throw new MalformedEntryException("checkpoint is not valid JSON");
        }
    }

    private static long number(JsonParser p, JsonToken t, String field) throws IOException, MalformedEntryException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedEntryException("field '" + field + "' is not an integer");
        }
        return p.getLongValue();
    }

    private static String text(JsonParser p, JsonToken t, String field) throws IOException, MalformedEntryException {
        if (t != JsonToken.VALUE_STRING) {
            throw new MalformedEntryException("field '" + field + "' is not a string");
        }
        return p.getText();
    }
}
