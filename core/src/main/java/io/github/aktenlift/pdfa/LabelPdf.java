package io.github.aktenlift.pdfa;

import com.google.zxing.EncodeHintType;
import com.google.zxing.oned.Code128Writer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes sheets of barcode labels as a PDF/A-2b: A4 pages of 3 × 8 labels of 70 × 37 mm (the
 * common office label sheet), each with a caption line, a Code 128 symbol and the code in plain
 * text beneath it (set smaller where a line would not fit). ZXing encodes the symbol; the bars are drawn as filled rectangles, so they print
 * sharp at any resolution. The quiet zone is ten modules on either side, as Code 128 requires.
 *
 * <p>Metadata and output intent are those of every Aktenlift PDF/A; the font is Liberation Sans,
 * embedded as a subset. The creation time comes from the caller; equal input gives byte-identical
 * files. Stateless and thread-safe.
 */
public final class LabelPdf {

    /** Columns of labels on a page. */
    public static final int COLUMNS = 3;
    /** Rows of labels on a page. */
    public static final int ROWS = 8;
    /** Labels per page. */
    public static final int PER_PAGE = COLUMNS * ROWS;

    private static final float MM = 72f / 25.4f;
    private static final float LABEL_WIDTH = 70 * MM;
    private static final float LABEL_HEIGHT = 37 * MM;
    private static final float PADDING = 4 * MM;
    private static final float BAR_HEIGHT = 15 * MM;
    private static final float MAX_MODULE = 0.5f * MM;
    private static final int QUIET_MODULES = 10;
    private static final float CAPTION_SIZE = 8f;
    private static final float CODE_SIZE = 11f;

    private LabelPdf() {
    }

    /**
     * One label.
     *
     * @param code what the symbol encodes and the plain text shows: printable ASCII
     * @param caption a line above the symbol, may be empty
     */
    public record Item(String code, String caption) {
        /** Checks for {@code null}. */
        public Item {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(caption, "caption");
        }
    }

    /**
     * Writes the labels, row by row, as many pages as they need.
     *
     * @param title the document's title (dc:title)
     * @param items the labels, at least one
     * @param created when the sheet is made, from the caller's clock
     * @param out where the PDF goes; flushed, not closed
     * @return the number of pages written
     * @throws IOException if {@code out} fails
     * @throws IllegalArgumentException if there are no labels, or a code cannot be encoded
     */
    public static int render(String title, List<Item> items, Instant created, OutputStream out) throws IOException {
        RenditionRequest.text("title", title);
        Objects.requireNonNull(created, "created");
        List<Item> all = List.copyOf(items);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a label sheet needs at least one label");
        }
        Code128Writer writer = new Code128Writer();
        // compact: the shortest symbol for the text, switching code sets where digits run long
        Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.CODE128_COMPACT, Boolean.TRUE);
        try (PDDocument doc = new PDDocument()) {
            doc.getDocument().setVersion(1.7f);
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(ReportFont.fontBytes()));
            ttf.setEnableGsub(false); // no ligature glyphs that a ToUnicode map cannot take back
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            float top = PDRectangle.A4.getHeight() - (PDRectangle.A4.getHeight() - ROWS * LABEL_HEIGHT) / 2;
            float left = (PDRectangle.A4.getWidth() - COLUMNS * LABEL_WIDTH) / 2;
            PDPageContentStream content = null;
            try {
                for (int i = 0; i < all.size(); i++) {
                    int slot = i % PER_PAGE;
                    if (slot == 0) {
                        if (content != null) {
                            content.close();
                        }
                        PDPage page = new PDPage(PDRectangle.A4);
                        doc.addPage(page);
                        content = new PDPageContentStream(doc, page);
                    }
                    float x = left + (slot % COLUMNS) * LABEL_WIDTH;
                    float y = top - (slot / COLUMNS + 1) * LABEL_HEIGHT;
                    Item item = all.get(i);
                    draw(content, font, x, y, item, writer.encode(item.code(), hints));
                }
            } finally {
                if (content != null) {
                    content.close();
                }
            }
            new PdfAMetadata(title, created, null, null, null, null).applyTo(doc);
            doc.getDocument().setDocumentID(documentId(title, all, created));
            doc.save(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the caller's stream stays open
                }
            }, CompressParameters.NO_COMPRESSION);
            out.flush();
            return doc.getNumberOfPages();
        }
    }

    /** One label in the cell whose lower left corner is (x, y). */
    private static void draw(PDPageContentStream content, PDType0Font font, float x, float y, Item item,
            boolean[] modules) throws IOException {
        float inner = LABEL_WIDTH - 2 * PADDING;
        float module = Math.min(MAX_MODULE, inner / (modules.length + 2 * QUIET_MODULES));
        float barsWidth = modules.length * module;
        float barsX = x + (LABEL_WIDTH - barsWidth) / 2;
        float codeBaseline = y + PADDING;
        float barsY = codeBaseline + CODE_SIZE + 1.5f * MM;
        for (int i = 0; i < modules.length; ) {
            if (!modules[i]) {
                i++;
                continue;
            }
            int run = i;
            while (run < modules.length && modules[run]) {
                run++;
            }
            content.addRect(barsX + i * module, barsY, (run - i) * module, BAR_HEIGHT);
            i = run;
        }
        content.fill();
        centred(content, font, CODE_SIZE, item.code(), x, codeBaseline);
        if (!item.caption().isEmpty()) {
            centred(content, font, CAPTION_SIZE, item.caption(), x, y + LABEL_HEIGHT - PADDING - CAPTION_SIZE);
        }
    }

    private static void centred(PDPageContentStream content, PDType0Font font, float size, String text, float x,
            float baseline) throws IOException {
        String shown = printable(font, text);
        float width = font.getStringWidth(shown) / 1000f * size;
        float room = LABEL_WIDTH - 2 * PADDING;
        if (width > room) { // a long line is set smaller rather than cut
            size *= room / width;
            width = room;
        }
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x + (LABEL_WIDTH - width) / 2, baseline);
        content.showText(shown);
        content.endText();
    }

    /** Characters the font has no glyph for become {@code ?}, so that showText never fails. */
    private static String printable(PDType0Font font, String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            String one = new String(Character.toChars(cp));
            try {
                font.encode(one);
                b.append(one);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        }
        return b.toString();
    }

    /** A document ID from the content, so that equal input gives equal files. */
    private static COSArray documentId(String title, List<Item> items, Instant created) {
        MessageDigest d = PdfOutput.sha256();
        d.update(title.getBytes(StandardCharsets.UTF_8));
        d.update(created.toString().getBytes(StandardCharsets.UTF_8));
        for (Item item : items) {
            d.update(("\u0000" + item.code() + "\u0001" + item.caption()).getBytes(StandardCharsets.UTF_8));
        }
        byte[] id = Arrays.copyOf(d.digest(), 16);
        COSArray array = new COSArray();
        array.add(new COSString(id));
        array.add(new COSString(id));
        return array;
    }
}
