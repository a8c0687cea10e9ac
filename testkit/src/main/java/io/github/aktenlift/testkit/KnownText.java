package io.github.aktenlift.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Known words at known places on a generated page: what an OCR engine should find there, with the
 * box of every word in the image's pixels (origin top left, y downwards). {@link ScanGenerator}
 * paints a page from it, and it writes itself as the OCR result a scan service would deliver
 * beside the page: ALTO ({@link #alto(int)}) or hOCR ({@link #hocr()}).
 *
 * <p>The layout is a fixed model, not a font's metrics, so that it is the same on every machine:
 * lines of {@link #sizePx()} high type, each character {@code 0.6} of that wide, a line's words
 * separated by one character's width.
 *
 * @param geometry the page's size and resolution
 * @param sizePx the type size in pixels (an em)
 * @param lines the lines of words, top to bottom
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public record KnownText(PageGeometry geometry, double sizePx, List<List<Word>> lines) {

    /** Words of German administrative text, with umlauts and ß, and names of several scripts. */
    private static final List<String> VOCABULARY = List.of("Antrag", "auf", "Erteilung", "einer",
            "Aufenthaltserlaubnis", "gemäß", "Paragraph", "des", "Gesetzes", "über", "den", "Aufenthalt",
            "Ausländerbehörde", "Straße", "Größe", "Bescheid", "Prüfung", "Unterlagen", "persönlich", "vorsprechen",
            "Gebühr", "Euro", "Frist", "Wochen", "Müller", "Schröder", "Weiß", "Öztürk", "Ćosić", "Dvořák",
            "Nguyễn", "Иванов", "Ольга", "محمد", "أحمد", "und", "mit", "für", "zur", "Kenntnis", "genommen");

    /**
     * Checks and copies.
     *
     * @param geometry the page's size and resolution
     * @param sizePx the type size in pixels
     * @param lines the lines of words
     */
    public KnownText {
        Objects.requireNonNull(geometry, "geometry");
        if (!(sizePx > 0)) {
            throw new IllegalArgumentException("sizePx must be positive");
        }
        lines = lines.stream().map(List::copyOf).toList();
    }

    /**
     * One word and its box.
     *
     * @param text the word
     * @param left left edge, pixels
     * @param top top edge
     * @param right right edge
     * @param bottom bottom edge
     * @param baseline the baseline's y, between top and bottom
     */
    public record Word(String text, int left, int top, int right, int bottom, int baseline) {

        /**
         * Checks the box.
         *
         * @param text the word
         * @param left left edge, pixels
         * @param top top edge
         * @param right right edge
         * @param bottom bottom edge
         * @param baseline the baseline's y
         */
        public Word {
            Objects.requireNonNull(text, "text");
            if (right <= left || bottom <= top || baseline < top || baseline > bottom) {
                throw new IllegalArgumentException("a word's box needs a size and its baseline in it");
            }
        }
    }

    /**
     * Lays out lines of text on a page: a left margin of a tenth of its width, the first line a
     * tenth down, type of {@code sizePt} points at the page's resolution.
     *
     * @param geometry the page
     * @param sizePt type size in points
     * @param text the lines, words separated by single spaces
     * @return the layout
     * @throws IllegalArgumentException if a line does not fit the page's width or the lines its height
     */
    public static KnownText layout(PageGeometry geometry, double sizePt, List<String> text) {
        double size = sizePt / 72.0 * geometry.dpi();
        double advance = 0.6 * size;
        double x0 = geometry.widthPx() / 10.0;
        double y = geometry.heightPx() / 10.0 + size;
        List<List<Word>> lines = new ArrayList<>();
        for (String line : text) {
            String[] logical = line.strip().split(" +");
            // placed as a renderer shows them in a left-to-right (German) paragraph: in visual order by
            // the Unicode bidirectional algorithm (an Arabic name's words right to left), kept in
            // reading order
            Integer[] visual = new Integer[logical.length];
            byte[] levels = new byte[logical.length];
            String joined = String.join(" ", logical);
            java.text.Bidi bidi = new java.text.Bidi(joined, java.text.Bidi.DIRECTION_LEFT_TO_RIGHT);
            for (int i = 0, at = 0; i < logical.length; at += logical[i].length() + 1, i++) {
                visual[i] = i;
                levels[i] = (byte) bidi.getLevelAt(at);
            }
            java.text.Bidi.reorderVisually(levels, 0, visual, 0, logical.length);
            Word[] words = new Word[logical.length];
            double x = x0;
            for (int index : visual) {
                String w = logical[index];
                int n = w.codePointCount(0, w.length());
                double right = x + n * advance;
                if (right > geometry.widthPx() - x0 / 2) {
                    throw new IllegalArgumentException("a line does not fit the page's width");
                }
                words[index] = new Word(w, (int) Math.floor(x), (int) Math.floor(y - 0.75 * size),
                        (int) Math.ceil(right), (int) Math.ceil(y + 0.22 * size), (int) Math.round(y));
                x = right + advance;
            }
            lines.add(List.of(words));
            y += 1.6 * size;
            if (y + size > geometry.heightPx()) {
                throw new IllegalArgumentException("the lines do not fit the page's height");
            }
        }
        return new KnownText(geometry, size, lines);
    }

    /**
     * Some lines of German administrative text with names of several scripts, drawn from the seed.
     *
     * @param geometry the page
     * @param seed the same seed gives the same text
     * @param lineCount how many lines
     * @return the layout, in 11-point type
     */
    public static KnownText german(PageGeometry geometry, long seed, int lineCount) {
        SplittableRandom random = new SplittableRandom(seed);
        double size = 11 / 72.0 * geometry.dpi();
        int room = (int) ((geometry.widthPx() * 0.85 - geometry.widthPx() / 10.0) / (0.6 * size));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            StringBuilder b = new StringBuilder();
            while (true) {
                String w = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
                if (b.length() == 0 && !isLeftToRight(w)) {
                    // text extraction (PDFBox's) takes a line whose leftmost word is right-to-left for a
                    // right-to-left paragraph; in a German document such a line is rare, and ambiguous
                    continue;
                }
                int length = b.length() == 0 ? w.length() : b.length() + 1 + w.length();
                if (length > room) {
                    break;
                }
                b.append(b.length() == 0 ? "" : " ").append(w);
            }
            if (b.length() == 0) {
                b.append("Akte");
            }
            lines.add(b.toString());
        }
        return layout(geometry, 11, lines);
    }

    private static boolean isLeftToRight(String word) {
        return !java.text.Bidi.requiresBidi(word.toCharArray(), 0, word.length());
    }

    /** @return the text as extraction should give it: words separated by spaces, lines by newlines */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (List<Word> line : lines) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(String.join(" ", line.stream().map(Word::text).toList()));
        }
        return b.toString();
    }

    /** @return every word, line by line */
    public List<Word> words() {
        return lines.stream().flatMap(List::stream).toList();
    }

    /**
     * The page as ALTO XML in pixels, every word with confidence 0.96.
     *
     * @param version 2, 3 or 4
     * @return the ALTO document
     */
    public String alto(int version) {
        if (version < 2 || version > 4) {
            throw new IllegalArgumentException("ALTO versions 2 to 4");
        }
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v").append(version).append("#\">\n")
                .append("<Description><MeasurementUnit>pixel</MeasurementUnit></Description>\n<Layout>\n")
                .append("<Page ID=\"page_1\" PHYSICAL_IMG_NR=\"1\" WIDTH=\"").append(geometry.widthPx())
                .append("\" HEIGHT=\"").append(geometry.heightPx()).append("\">\n")
                .append("<PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"").append(geometry.widthPx())
                .append("\" HEIGHT=\"").append(geometry.heightPx()).append("\">\n<TextBlock ID=\"block_1\">\n");
        int n = 0;
        for (List<Word> line : lines) {
            n++;
            int[] box = box(line);
            x.append("<TextLine ID=\"line_").append(n).append("\" HPOS=\"").append(box[0]).append("\" VPOS=\"")
                    .append(box[1]).append("\" WIDTH=\"").append(box[2] - box[0]).append("\" HEIGHT=\"")
                    .append(box[3] - box[1]).append("\" BASELINE=\"").append(line.get(0).baseline()).append("\">\n");
            for (int i = 0; i < line.size(); i++) {
                Word w = line.get(i);
                if (i > 0) {
                    x.append("<SP/>");
                }
                x.append("<String CONTENT=\"").append(escape(w.text())).append("\" HPOS=\"").append(w.left())
                        .append("\" VPOS=\"").append(w.top()).append("\" WIDTH=\"").append(w.right() - w.left())
                        .append("\" HEIGHT=\"").append(w.bottom() - w.top()).append("\" WC=\"0.96\"/>");
            }
            x.append("\n</TextLine>\n");
        }
        return x.append("</TextBlock>\n</PrintSpace>\n</Page>\n</Layout>\n</alto>\n").toString();
    }

    /**
     * The page as hOCR, as Tesseract writes it (XHTML with its document type declaration), every word
     * with confidence 96.
     *
     * @return the hOCR document
     */
    public String hocr() {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n")
                .append("    \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"de\" lang=\"de\">\n<head>\n")
                .append("<title></title>\n<meta name=\"ocr-system\" content=\"aktenlift-testkit\"/>\n")
                .append("<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_line ocrx_word\"/>\n</head>\n<body>\n")
                .append("<div class=\"ocr_page\" id=\"page_1\" title=\"bbox 0 0 ").append(geometry.widthPx()).append(' ')
                .append(geometry.heightPx()).append("; ppageno 0\">\n");
        int n = 0;
        for (List<Word> line : lines) {
            n++;
            int[] box = box(line);
            x.append("<span class=\"ocr_line\" id=\"line_").append(n).append("\" title=\"bbox ").append(box[0])
                    .append(' ').append(box[1]).append(' ').append(box[2]).append(' ').append(box[3])
                    .append("; baseline 0 ").append(line.get(0).baseline() - box[3]).append("\">");
            int m = 0;
            for (Word w : line) {
                m++;
                x.append("<span class=\"ocrx_word\" id=\"word_").append(n).append('_').append(m)
                        .append("\" title=\"bbox ").append(w.left()).append(' ').append(w.top()).append(' ')
                        .append(w.right()).append(' ').append(w.bottom()).append("; x_wconf 96\">")
                        .append(escape(w.text())).append("</span> ");
            }
            x.append("</span>\n");
        }
        return x.append("</div>\n</body>\n</html>\n").toString();
    }

    private static int[] box(List<Word> line) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0};
        for (Word w : line) {
            b[0] = Math.min(b[0], w.left());
            b[1] = Math.min(b[1], w.top());
            b[2] = Math.max(b[2], w.right());
            b[3] = Math.max(b[3], w.bottom());
        }
        return b;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KnownText[%d lines, %d words]", lines.size(), words().size());
    }
}
