package io.github.aktenlift.capture.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.aktenlift.spi.IntegrityException;

import java.io.IOException;
import java.util.Arrays;

/**
 * The one place where a {@link ScanProtocol} becomes JSON and back. The stored form is Jackson's
 * default pretty print of the tree, in the record's property order; it must stay byte-identical
 * for a given protocol, since the journal records its SHA-256 (a test reads every stored shape back
 * and writes it out again). Reading is strict: what is read must write out to exactly the bytes it
 * was read from, so an unknown, missing, reordered or reformatted field, or an unknown kind of
 * deviation, is an {@link IntegrityException}. (Jackson alone cannot be that strict: its check for
 * missing creator properties knows no optional ones, and a protocol leaves out a document's absent
 * date.) Thread-safe.
 */
public final class ScanProtocolCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final ObjectWriter WRITER = JSON.writerFor(ScanProtocol.class).withDefaultPrettyPrinter();
    private static final ObjectWriter DEVIATION = JSON.writerFor(ScanProtocol.Deviation.class);
    private static final ObjectReader READER = JSON.readerFor(ScanProtocol.class);

    private ScanProtocolCodec() {
    }

    /** @return the protocol as stored */
    public static byte[] write(ScanProtocol protocol) {
        try {
            return WRITER.writeValueAsBytes(protocol);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scan protocol always serialises", e);
        }
    }

    /**
     * @param json a stored protocol
     * @param key where it was stored, for the exception
     * @return the protocol
     * @throws IntegrityException if the bytes are not a scan protocol of this format
     */
    public static ScanProtocol read(byte[] json, String key) {
        try {
            ScanProtocol p = READER.readValue(json);
            if (p == null) {
                throw new IntegrityException(key, "is empty, not a scan protocol");
            }
            if (!Arrays.equals(write(p), json)) {
                throw new IntegrityException(key, "is not a scan protocol in the canonical form of "
                        + ScanProtocol.FORMAT);
            }
            return p;
        } catch (IOException | IllegalArgumentException e) {
            // Jackson's message may quote stored values; the key and the format are enough
            throw new IntegrityException(key, "is not a scan protocol of format " + ScanProtocol.FORMAT);
        }
    }

    /** @return the deviation as compact JSON, as the human-readable protocol shows it */
    public static String compact(ScanProtocol.Deviation deviation) {
        try {
            return DEVIATION.writeValueAsString(deviation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a deviation always serialises", e);
        }
    }
}
