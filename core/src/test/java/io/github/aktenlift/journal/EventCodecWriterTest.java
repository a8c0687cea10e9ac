package io.github.aktenlift.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.aktenlift.journal.EventCodec.Checkpoint;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored form must not change: the writer that reuses one generator must write, entry after
 * entry, exactly the bytes a fresh Jackson generator and {@link Instant#toString()} wrote before.
 */
@DisplayName("The journal's entry writer")
class EventCodecWriterTest {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Test
    @DisplayName("writes times exactly as Instant.toString does, with 0, 3, 6 or 9 fraction digits")
    void formatInstant() {
        Random rnd = new Random(11);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int k = 0; k < 200_000; k++) {
            long second = min + Math.floorMod(rnd.nextLong(), max - min + 1);
            Instant i = Instant.ofEpochSecond(second, nano(rnd, k));
            assertThat(EventCodec.formatInstant(i)).isEqualTo(i.toString());
        }
        for (String s : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2026-03-02T08:00:00.000001Z", "2026-03-02T08:00:00.100Z",
                "2024-02-29T12:34:56.000000100Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
                "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"}) {
            Instant i = Instant.parse(s);
            assertThat(EventCodec.formatInstant(i)).isEqualTo(i.toString()).isEqualTo(s);
        }
    }

    @Test
    @DisplayName("writes each of many events and checkpoints in a row as a fresh generator writes it alone")
    void sameBytesAsFreshGenerator() throws IOException {
        Random rnd = new Random(5);
        EventCodec.Writer writer = new EventCodec.Writer();
        EventKind[] kinds = EventKind.values();
        for (int k = 0; k < 20_000; k++) {
            TreeMap<String, String> payload = new TreeMap<>();
            for (int p = rnd.nextInt(5); p > 0; p--) {
                payload.put(text(rnd), text(rnd));
            }
            Instant time = Instant.ofEpochSecond(1_700_000_000L + rnd.nextInt(1 << 30), nano(rnd, k));
            JournalEvent e = new JournalEvent(rnd.nextInt(1 << 30), "file/" + text(rnd), rnd.nextInt(100), time,
                    text(rnd), text(rnd), kinds[rnd.nextInt(kinds.length)], payload, hex(rnd), hex(rnd));
            byte[] expected = freshGenerator(e);
            assertThat(writer.encode(e)).as("event %d", k).isEqualTo(expected);
            assertThat(EventCodec.encode(e)).isEqualTo(expected);
            if (k % 100 == 0) {
                Checkpoint c = new Checkpoint(k + 1L, rnd.nextInt(20_000), hex(rnd), time, hex(rnd), hex(rnd));
                byte[] expectedCheckpoint = freshGenerator(c);
                assertThat(writer.encode(c)).as("checkpoint %d", k).isEqualTo(expectedCheckpoint);
                assertThat(EventCodec.encode(c)).isEqualTo(expectedCheckpoint);
            }
        }
    }

    @Test
    @DisplayName("keeps the stored form of an event byte for byte")
    void storedForm() throws Exception {
        JournalEvent e = new JournalEvent(17, "file/F0000000172", 3, Instant.parse("2026-03-02T08:00:00.250Z"),
                "clerk-1", "Büro \"Nord\"", EventKind.PACKED, Map.of("box", "B00004194", "note", "a\\b\n"),
                "0".repeat(64), "a".repeat(64));
        String expected = "{\"seq\":17,\"stream\":\"file/F0000000172\",\"sseq\":3,\"time\":\"2026-03-02T08:00:00.250Z\","
                + "\"actor\":\"clerk-1\",\"loc\":\"Büro \\\"Nord\\\"\",\"kind\":\"PACKED\","
                + "\"data\":{\"box\":\"B00004194\",\"note\":\"a\\\\b\\n\"},\"prev\":\"" + "0".repeat(64)
                + "\",\"hash\":\"" + "a".repeat(64) + "\"}";
        EventCodec.Writer writer = new EventCodec.Writer();
        for (int k = 0; k < 3; k++) {
            assertThat(new String(writer.encode(e), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        assertThat(EventCodec.decode(writer.encode(e))).isEqualTo(e);
    }

    /** The encoding as it was: a generator per entry, the time from Instant.toString. */
    private static byte[] freshGenerator(JournalEvent e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
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
        }
        return out.toByteArray();
    }

    private static byte[] freshGenerator(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("covers", c.covers());
            g.writeNumberField("streams", c.streams());
            g.writeStringField("heads", c.headsDigest());
            g.writeStringField("time", c.time().toString());
            g.writeStringField("prev", c.previousHash());
            g.writeStringField("hash", c.hash());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static int nano(Random rnd, int k) {
        return switch (k % 4) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(1000) * 1_000_000;
            case 2 -> rnd.nextInt(1_000_000) * 1000;
            default -> rnd.nextInt(1_000_000_000);
        };
    }

    /** Text with what JSON must escape or encode: quotes, backslashes, controls, umlauts, emoji, long runs. */
    private static String text(Random rnd) {
        String[] parts = {"a", "Z", "0", "-", "/", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u007f", "ä", "ß", "€",
            "\uD83D\uDCC1", " ", "x".repeat(300)};
        StringBuilder b = new StringBuilder();
        for (int n = rnd.nextInt(12); n >= 0; n--) {
            b.append(parts[rnd.nextInt(parts.length)]);
        }
        return b.toString();
    }

    private static String hex(Random rnd) {
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            b.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return b.toString();
    }
}
