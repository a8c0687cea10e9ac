package io.github.aktenlift.pdfa;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * The document-level metadata every Aktenlift PDF/A-2b carries, kept consistent between the XMP
 * packet and the document information dictionary as PDF/A requires: title, creation and
 * modification date (the same instant, in UTC, to the second), creator tool and producer. Only
 * properties predefined by XMP (Dublin Core, XMP basic, Adobe PDF, PDF/A identification) are
 * used, so no extension schema is needed.
 */
final class PdfAMetadata {

    static final String CREATOR_TOOL = "Aktenlift";
    static final String PRODUCER = "Aktenlift 0.1";
    static final String OUTPUT_CONDITION = "sRGB IEC61966-2.1";

    private static final DateTimeFormatter PDF_DATE =
            DateTimeFormatter.ofPattern("'D:'yyyyMMddHHmmss'+00''00'''").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter XMP_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private static volatile byte[] srgb;
    private static volatile byte[] srgbFlated;

    private final String title;
    private final Instant created;
    private final String documentType;
    private final String identifier;
    private final String source;
    private final LocalDate date;
    private final boolean unicode;

    /**
     * @param title dc:title and /Title
     * @param created xmp:CreateDate, ModifyDate, MetadataDate and /CreationDate, /ModDate
     * @param documentType dc:type, or null
     * @param identifier dc:identifier, or null
     * @param source dc:source, or null
     * @param date dc:date, or null
     */
    PdfAMetadata(String title, Instant created, String documentType, String identifier,
                 String source, LocalDate date) {
        this(title, created, documentType, identifier, source, date, false);
    }

    /**
     * @param unicode whether the document declares PDF/A-2u (all its text maps to Unicode) rather
     *     than PDF/A-2b
     */
    PdfAMetadata(String title, Instant created, String documentType, String identifier,
                 String source, LocalDate date, boolean unicode) {
        this.unicode = unicode;
        this.title = Objects.requireNonNull(title, "title");
        this.created = Objects.requireNonNull(created, "created").truncatedTo(ChronoUnit.SECONDS);
        this.documentType = documentType;
        this.identifier = identifier;
        this.source = source;
        this.date = date;
    }

    /** The document information dictionary's entries, as Java strings to be encoded by the writer. */
    Map<String, String> info() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Title", title);
        info.put("Creator", CREATOR_TOOL);
        info.put("Producer", PRODUCER);
        info.put("CreationDate", PDF_DATE.format(created));
        info.put("ModDate", PDF_DATE.format(created));
        return info;
    }

    /**
     * Gives a PDFBox document what PDF/A-2b asks of it beyond its pages: this XMP packet, the
     * matching document information and the sRGB output intent.
     */
    void applyTo(PDDocument doc) throws IOException {
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(xmp());
        doc.getDocumentCatalog().setMetadata(metadata);
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator(CREATOR_TOOL);
        info.setProducer(PRODUCER);
        // as PDFBox's setCreationDate would write them, without its per-call Calendar formatting
        info.getCOSObject().setString(COSName.CREATION_DATE, PDF_DATE.format(created));
        info.getCOSObject().setString(COSName.MOD_DATE, PDF_DATE.format(created));
        // the profile goes in compressed once per JVM; PDOutputIntent would compress it per document
        COSStream profile = ReportFont.raw(doc.getDocument(), srgbProfileFlated());
        profile.setInt(COSName.N, 3);
        COSDictionary intent = new COSDictionary();
        intent.setItem(COSName.TYPE, COSName.getPDFName("OutputIntent"));
        intent.setItem(COSName.S, COSName.GTS_PDFA1);
        intent.setString(COSName.OUTPUT_CONDITION_IDENTIFIER, OUTPUT_CONDITION);
        intent.setString(COSName.OUTPUT_CONDITION, OUTPUT_CONDITION);
        intent.setString(COSName.INFO, OUTPUT_CONDITION);
        intent.setString(COSName.REGISTRY_NAME, "http://www.color.org");
        intent.setItem(COSName.DEST_OUTPUT_PROFILE, profile);
        doc.getDocumentCatalog().addOutputIntent(new PDOutputIntent(intent));
    }

    /** The sRGB profile Flate-compressed, for documents PDFBox writes; made once. */
    private static byte[] srgbProfileFlated() throws IOException {
        byte[] p = srgbFlated;
        if (p == null) {
            p = ReportFont.flate(srgbProfile());
            srgbFlated = p;
        }
        return p;
    }

    /** The XMP packet, UTF-8. */
    byte[] xmp() {
        String when = XMP_DATE.format(created);
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
                .append("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>")
                .append(unicode ? 'U' : 'B').append("</pdfaid:conformance>\n")
                .append("</rdf:Description>\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
                .append("<dc:format>application/pdf</dc:format>\n")
                .append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(title))
                .append("</rdf:li></rdf:Alt></dc:title>\n");
        if (documentType != null) {
            x.append("<dc:type><rdf:Bag><rdf:li>").append(escape(documentType))
                    .append("</rdf:li></rdf:Bag></dc:type>\n");
        }
        if (identifier != null) {
            x.append("<dc:identifier>").append(escape(identifier)).append("</dc:identifier>\n");
        }
        if (source != null) {
            x.append("<dc:source>").append(escape(source)).append("</dc:source>\n");
        }
        if (date != null) {
            x.append("<dc:date><rdf:Seq><rdf:li>").append(date)
                    .append("</rdf:li></rdf:Seq></dc:date>\n");
        }
        x.append("</rdf:Description>\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
                .append("<xmp:CreateDate>").append(when).append("</xmp:CreateDate>\n")
                .append("<xmp:ModifyDate>").append(when).append("</xmp:ModifyDate>\n")
                .append("<xmp:MetadataDate>").append(when).append("</xmp:MetadataDate>\n")
                .append("<xmp:CreatorTool>").append(CREATOR_TOOL).append("</xmp:CreatorTool>\n")
                .append("</rdf:Description>\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
                .append("<pdf:Producer>").append(PRODUCER).append("</pdf:Producer>\n")
                .append("</rdf:Description>\n")
                .append("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The JDK's sRGB ICC profile, for the output intent; loaded once. */
    static byte[] srgbProfile() {
        byte[] p = srgb;
        if (p == null) {
            p = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
            srgb = p;
        }
        return p.clone();
    }
}
