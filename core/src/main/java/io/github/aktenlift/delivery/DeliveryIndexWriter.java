package io.github.aktenlift.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Writes a {@link ScanDelivery} as the text of {@code index.json}: UTF-8 JSON without a byte order
 * mark, one object, fields in the order of {@code docs/delivery-format.md}, a document's
 * {@code date} left out where it is unknown. What it writes is what capture's reader reads, and it
 * validates against the published JSON Schema. Stateless and thread-safe.
 *
 * <p>Writing the file is the caller's: to replace an {@code index.json} safely, write to a
 * temporary file in the delivery folder and move it into place atomically, as the
 * {@code delivery index} command of the CLI does.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class DeliveryIndexWriter {

    /** The format every index this writer writes declares. */
    public static final String FORMAT = "aktenlift-delivery/1";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private DeliveryIndexWriter() {
    }

    /**
     * Writes the index to a stream.
     *
     * @param delivery the index
     * @param out where the text goes; flushed, not closed
     * @throws IOException if {@code out} fails
     */
    public static void write(ScanDelivery delivery, OutputStream out) throws IOException {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(out, "out");
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            write(g, delivery);
        }
        out.flush();
    }

    /**
     * Writes the index to bytes.
     *
     * @param delivery the index
     * @return the text of {@code index.json}, UTF-8
     */
    public static byte[] toJson(ScanDelivery delivery) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(delivery, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array does not fail", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, ScanDelivery d) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("deliveryId", d.deliveryId());
        g.writeStringField("scanService", d.scanService());
        g.writeStringField("createdAt", d.createdAt().toString());
        g.writeArrayFieldStart("caseFiles");
        for (ScanDelivery.CaseFile c : d.caseFiles()) {
            g.writeStartObject();
            g.writeStringField("barcode", c.barcode());
            g.writeNumberField("sheets", c.sheets());
            g.writeStringField("operator", c.operator());
            g.writeStringField("scannedAt", c.scannedAt().toString());
            g.writeObjectFieldStart("scanner");
            g.writeStringField("model", c.scanner().model());
            g.writeObjectFieldStart("settings");
            g.writeNumberField("resolutionDpi", c.scanner().resolutionDpi());
            g.writeStringField("colorMode", c.scanner().colorMode().name());
            g.writeBooleanField("duplex", c.scanner().duplex());
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("documents");
            for (ScanDelivery.Document doc : c.documents()) {
                g.writeStartObject();
                g.writeStringField("documentId", doc.documentId());
                g.writeStringField("type", doc.type());
                if (doc.date() != null) {
                    g.writeStringField("date", doc.date().toString());
                }
                g.writeBooleanField("originalToReturn", doc.originalToReturn());
                g.writeArrayFieldStart("pages");
                for (ScanDelivery.Page p : doc.pages()) {
                    g.writeStartObject();
                    g.writeStringField("file", p.file());
                    g.writeStringField("sha256", p.sha256());
                    g.writeNumberField("sheet", p.sheet());
                    g.writeStringField("side", p.side().name());
                    g.writeBooleanField("blank", p.blank());
                    g.writeNumberField("resolutionDpi", p.resolutionDpi());
                    g.writeStringField("colorMode", p.colorMode().name());
                    if (p.ocr() != null) {
                        g.writeObjectFieldStart("ocr");
                        g.writeStringField("file", p.ocr().file());
                        g.writeStringField("sha256", p.ocr().sha256());
                        g.writeStringField("format", p.ocr().format().name());
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
