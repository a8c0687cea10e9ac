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
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored form of events and checkpoints: one compact JSON object per log entry, readable with any
 * JSON tool. Thread-safe.
 */
public final class EventCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** The epoch seconds {@link #formatInstant} writes itself: years 0000 to 9999. */
    private static final long MIN_FAST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_FAST_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L + 86_399L;

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
        return new Writer().encode(e);
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
            at = parseInstant(time);
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
        return new Writer().encode(c);
    }

    /**
     * Writes entries one after another with one Jackson generator and one buffer, instead of a
     * generator (with its context, buffers and recycler look-ups) per entry. The bytes are the
     * same as a fresh generator writes: entries are root values without a separator, taken out of
     * the buffer after each one. A failed write drops the generator, whose state is then unknown;
     * the next entry starts a new one. Not thread-safe: one per journal, used by its writer.
     */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        private JsonGenerator g;

        /**
         * @param e an event
         * @return its stored bytes
         */
        byte[] encode(JournalEvent e) {
            return write(json -> {
                json.writeStartObject();
                json.writeNumberField("seq", e.sequence());
                json.writeStringField("stream", e.stream());
                json.writeNumberField("sseq", e.streamSequence());
                json.writeStringField("time", formatInstant(e.time()));
                json.writeStringField("actor", e.actor());
                json.writeStringField("loc", e.location());
                json.writeStringField("kind", e.kind().name());
                json.writeObjectFieldStart("data");
                for (Map.Entry<String, String> p : e.payload().entrySet()) {
                    json.writeStringField(p.getKey(), p.getValue());
                }
                json.writeEndObject();
                json.writeStringField("prev", e.previousHash());
                json.writeStringField("hash", e.hash());
                json.writeEndObject();
            });
        }

        /**
         * @param c a checkpoint
         * @return its stored bytes
         */
        byte[] encode(Checkpoint c) {
            return write(json -> {
                json.writeStartObject();
                json.writeNumberField("covers", c.covers());
                json.writeNumberField("streams", c.streams());
                json.writeStringField("heads", c.headsDigest());
                json.writeStringField("time", formatInstant(c.time()));
                json.writeStringField("prev", c.previousHash());
                json.writeStringField("hash", c.hash());
                json.writeEndObject();
            });
        }

        /** What one entry writes into the generator. */
        @FunctionalInterface
        private interface Entry {
            void writeTo(JsonGenerator g) throws IOException;
        }

        /** Writes one entry and takes its bytes; a failed write drops the generator. */
        private byte[] write(Entry entry) {
            try {
                JsonGenerator g = generator();
                entry.writeTo(g);
                return take(g);
            } catch (IOException ex) {
                discard();
                throw new UncheckedIOException(ex);
            } catch (RuntimeException ex) {
                discard();
                throw ex;
            }
        }

        private JsonGenerator generator() throws IOException {
            if (g == null) {
                out.reset();
                g = JSON.createGenerator(out);
                // between root values Jackson writes a space by default; each entry is stored on its own
                g.setRootValueSeparator(null);
            }
            return g;
        }

        private byte[] take(JsonGenerator g) throws IOException {
            g.flush();
            byte[] bytes = out.toByteArray();
            out.reset();
            return bytes;
        }

        private void discard() {
            g = null;
            out.reset();
        }
    }

    /**
     * Writes an instant exactly as {@link Instant#toString()} does, without {@code DateTimeFormatter}
     * (the mirror image of {@link #parseInstant}): {@code 2026-03-02T08:00:00Z}, with 3, 6 or 9
     * fraction digits if the nanoseconds need them. Years outside 0000 to 9999 go to
     * {@link Instant#toString()}.
     *
     * @param t the instant
     * @return its text
     */
    static String formatInstant(Instant t) {
        long second = t.getEpochSecond();
        if (second < MIN_FAST_SECOND || second > MAX_FAST_SECOND) {
            return t.toString();
        }
        long day = Math.floorDiv(second, 86_400L);
        int secondOfDay = (int) Math.floorMod(second, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nano = t.getNano();
        byte[] b = new byte[nano == 0 ? 20 : nano % 1_000_000 == 0 ? 24 : nano % 1000 == 0 ? 27 : 30];
        put(b, 0, date.getYear(), 4);
        b[4] = '-';
        put(b, 5, date.getMonthValue(), 2);
        b[7] = '-';
        put(b, 8, date.getDayOfMonth(), 2);
        b[10] = 'T';
        put(b, 11, secondOfDay / 3600, 2);
        b[13] = ':';
        put(b, 14, secondOfDay / 60 % 60, 2);
        b[16] = ':';
        put(b, 17, secondOfDay % 60, 2);
        if (b.length == 24) {
            b[19] = '.';
            put(b, 20, nano / 1_000_000, 3);
        } else if (b.length == 27) {
            b[19] = '.';
            put(b, 20, nano / 1000, 6);
        } else if (b.length == 30) {
            b[19] = '.';
            put(b, 20, nano, 9);
        }
        b[b.length - 1] = 'Z';
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Writes {@code v} as {@code width} decimal digits, zero-padded, into {@code b} at {@code at}. */
    private static void put(byte[] b, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
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
            return new Checkpoint(covers, streams, heads, parseInstant(time), prev, hash);
        } catch (IOException | DateTimeParseException ex) {
            throw new MalformedEntryException("checkpoint is not valid JSON");
        }
    }

    /**
     * Reads an instant as {@link Instant#toString()} writes it ({@code 2026-03-02T08:00:00Z}, with 3,
     * 6 or 9 fraction digits if any) without {@code DateTimeFormatter}, whose parsing took about
     * half of replay and verify time. Anything else - other years, leap seconds, bad text - goes
     * to {@link Instant#parse}, which decides as before.
     *
     * @param s the text
     * @return the instant
     * @throws DateTimeParseException if it is not an instant
     */
    static Instant parseInstant(String s) {
        int n = s.length();
        if (n >= 20 && n <= 30 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':' && s.charAt(n - 1) == 'Z'
                && (n == 20 || (n >= 22 && s.charAt(19) == '.'))) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int nano = 0;
            if (n > 20) {
                nano = digits(s, 20, n - 1);
                for (int k = n - 21; k < 9 && nano >= 0; k++) {
                    nano *= 10;
                }
            }
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
                    && second >= 0 && second <= 59 && nano >= 0) {
                try {
                    long epochDay = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nano);
                } catch (DateTimeException e) {
                    // no such date: let Instant.parse reject it in its own words
                }
            }
        }
        return Instant.parse(s);
    }

    /** @return the number written in {@code s[from, to)}, or -1 if a character is not an ASCII digit */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
