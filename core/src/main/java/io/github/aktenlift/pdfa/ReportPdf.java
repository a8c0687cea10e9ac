package io.github.aktenlift.pdfa;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Writes a human-readable report, such as a scan protocol, as a PDF/A-2b: a title, then sections
 * of label–value rows laid out in two columns on A4 pages, values wrapped at word boundaries
 * (and inside words too long for a line, such as hashes). The font is Liberation Sans, which
 * PDFBox ships, embedded as a subset; characters it has no glyph for are written as {@code ?}.
 *
 * <p>PDFBox builds the document; the page content is written as text operators directly (one
 * text object per page, lines placed relative to each other), and the font subset is built once
 * per JVM for the characters reports commonly use instead of once per report (see
 * {@code ReportFont}): together several times cheaper than drawing line by line through
 * {@code PDPageContentStream} and subsetting on every save.
 *
 * <p>Metadata and output intent are those of every Aktenlift PDF/A (see {@link PdfARenderer}).
 * The creation time comes from the caller; equal input gives byte-identical files.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ReportPdf {

    private static final float MARGIN = ReportLayout.MARGIN;
    private static final float TITLE_SIZE = ReportLayout.TITLE_SIZE;
    private static final float HEADING_SIZE = ReportLayout.HEADING_SIZE;
    private static final COSName FONT_RESOURCE = COSName.getPDFName("F1");

    private ReportPdf() {
    }

    /**
     * One label–value line of a report; the value may be long and is wrapped.
     *
     * @param label what the value is, e.g. {@code "Scanner"}
     * @param value the value; line breaks in it are kept
     * @since 0.1
     */
    public record Row(String label, String value) {
        /** Validates the fields. */
        public Row {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A headed group of rows.
     *
     * @param heading the section's heading
     * @param rows its rows, perhaps none
     * @since 0.1
     */
    public record Section(String heading, List<Row> rows) implements Block {
        /** Validates the fields and copies the list. */
        public Section {
            Objects.requireNonNull(heading, "heading");
            rows = List.copyOf(rows);
        }
    }

    /**
     * A part of a {@linkplain Document document}: a section of label–value rows, a table, or
     * signature lines.
     *
     * @since 0.2
     */
    public sealed interface Block permits Section, Table, Signatures {
    }

    /**
     * A table with column heads, repeated at the top of every page it runs onto; cells wrap.
     *
     * @param heading the table's heading
     * @param columns the column heads
     * @param widths the columns' relative widths, one per column
     * @param rows the rows, each with one cell per column
     * @since 0.2
     */
    public record Table(String heading, List<String> columns, List<Float> widths, List<List<String>> rows) implements Block {
        /** Validates the fields and copies the lists. */
        public Table {
            Objects.requireNonNull(heading, "heading");
            columns = List.copyOf(columns);
            widths = List.copyOf(widths);
            if (columns.isEmpty() || widths.size() != columns.size()) {
                throw new IllegalArgumentException("a table needs a width per column");
            }
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (List<String> r : rows) {
                if (r.size() != columns.size()) {
                    throw new IllegalArgumentException("a row has " + r.size() + " cells, the table " + columns.size() + " columns");
                }
                copy.add(List.copyOf(r));
            }
            rows = List.copyOf(copy);
        }
    }

    /**
     * Lines for the people who sign the paper form of a report: for each role a line to sign on,
     * with the role and "Name, Datum / name, date" below it, two to a row.
     *
     * @param heading the block's heading
     * @param roles the roles that sign, for example "Aufgestellt von / Drawn up by"
     * @since 0.2
     */
    public record Signatures(String heading, List<String> roles) implements Block {
        /** Validates the fields and copies the list. */
        public Signatures {
            Objects.requireNonNull(heading, "heading");
            roles = List.copyOf(roles);
        }
    }

    /**
     * A report laid out as a document: every page with the office and date in its header and
     * "Seite i von n" in its footer.
     *
     * @param title the report's title, also its dc:title
     * @param office the office the report is for, printed in every page's header
     * @param created when the report is made, from the caller's clock; printed in the header
     * @param blocks the sections, tables and signature lines in order
     * @since 0.2
     */
    public record Document(String title, String office, Instant created, List<Block> blocks) {
        /** Validates the fields and copies the list. */
        public Document {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(office, "office");
            Objects.requireNonNull(created, "created");
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * What was written.
     *
     * @param size length of the PDF in bytes
     * @param sha256 SHA-256 of the PDF, 64 lowercase hex digits
     * @param pages how many pages the report took
     * @since 0.1
     */
    public record Report(long size, String sha256, int pages) {
    }

    /**
     * Writes a report.
     *
     * @param title the report's title, also its dc:title
     * @param sections the sections in order
     * @param created when the report is made, from the caller's clock
     * @param out where the PDF goes; flushed, not closed
     * @return length, SHA-256 and page count of what was written
     * @throws IOException if {@code out} fails
     */
    public static Report render(String title, List<Section> sections, Instant created,
                                OutputStream out) throws IOException {
        RenditionRequest.text("title", title);
        Objects.requireNonNull(created, "created");
        List<Section> all = List.copyOf(sections);
        ReportFont font = ReportFont.get();
        ReportLayout layout = new ReportLayout(font, null);
        layout.text(title, TITLE_SIZE, MARGIN, layout.width());
        layout.space(TITLE_SIZE * 0.6f);
        for (Section section : all) {
            layout.section(section);
        }
        layout.close();
        return save(title, created, font, layout, documentId(title, all, created), out);
    }

    /**
     * Writes a report laid out as a document: header with office and date, "Seite i von n" in the
     * footer, sections, tables with column heads (repeated on every page a table runs onto) and
     * signature lines.
     *
     * @param d the document
     * @param out where the PDF goes; flushed, not closed
     * @return length, SHA-256 and page count of what was written
     * @throws IOException if {@code out} fails
     * @since 0.2
     */
    public static Report render(Document d, OutputStream out) throws IOException {
        RenditionRequest.text("title", d.title());
        ReportFont font = ReportFont.get();
        ReportLayout layout = new ReportLayout(font, d.office() + "  ·  " + d.created().toString().substring(0, 10));
        layout.text(d.title(), TITLE_SIZE, MARGIN, layout.width());
        layout.space(TITLE_SIZE * 0.6f);
        MessageDigest id = PdfOutput.sha256();
        id.update(d.title().getBytes(StandardCharsets.UTF_8));
        id.update(d.office().getBytes(StandardCharsets.UTF_8));
        id.update(d.created().toString().getBytes(StandardCharsets.UTF_8));
        for (Block b : d.blocks()) {
            id.update(b.toString().getBytes(StandardCharsets.UTF_8));
            if (b instanceof Section section) {
                layout.section(section);
            } else if (b instanceof Table table) {
                layout.table(table);
            } else if (b instanceof Signatures signatures) {
                layout.signatures(signatures);
            }
        }
        layout.close();
        layout.decorate();
        byte[] raw = Arrays.copyOf(id.digest(), 16);
        COSArray array = new COSArray();
        array.add(new COSString(raw));
        array.add(new COSString(raw));
        return save(d.title(), d.created(), font, layout, array, out);
    }

    private static Report save(String title, Instant created, ReportFont font, ReportLayout layout, COSArray documentId,
            OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.getDocument().setVersion(1.7f);
            COSDictionary fonts = new COSDictionary();
            fonts.setItem(FONT_RESOURCE, font.embeddingFor(layout.used).fontDictionary(doc.getDocument()));
            COSDictionary resources = new COSDictionary();
            resources.setItem(COSName.FONT, fonts);
            for (ContentOps content : layout.pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                page.getCOSObject().setItem(COSName.RESOURCES, resources);
                page.getCOSObject().setItem(COSName.CONTENTS, ReportFont.raw(doc.getDocument(), content.deflated()));
                doc.addPage(page);
            }

            new PdfAMetadata(title, created, null, null, null, null).applyTo(doc);
            doc.getDocument().setDocumentID(documentId);

            MessageDigest digest = PdfOutput.sha256();
            long[] size = {0};
            OutputStream hashing = new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    digest.update((byte) b);
                    size[0]++;
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    digest.update(b, off, len);
                    size[0] += len;
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the caller's stream stays open
                }
            };
            doc.save(hashing, CompressParameters.NO_COMPRESSION);
            hashing.flush();
            return new Report(size[0], HexFormat.of().formatHex(digest.digest()), doc.getNumberOfPages());
        }
    }

    /** A document ID from the content, so that equal input gives equal files. */
    private static COSArray documentId(String title, List<Section> sections, Instant created) {
        MessageDigest d = PdfOutput.sha256();
        d.update(title.getBytes(StandardCharsets.UTF_8));
        d.update(created.toString().getBytes(StandardCharsets.UTF_8));
        for (Section s : sections) {
            d.update((byte) 0);
            d.update(s.heading().getBytes(StandardCharsets.UTF_8));
            for (Row r : s.rows()) {
                d.update((byte) 1);
                d.update(r.label().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 2);
                d.update(r.value().getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] id = Arrays.copyOf(d.digest(), 16);
        COSArray array = new COSArray();
        array.add(new COSString(id));
        array.add(new COSString(id));
        return array;
    }

}
