package io.github.aktenlift.testkit;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.SplittableRandom;

/**
 * Paints one page that looks like a scanned text page from far away: text is drawn as letter-sized
 * blocks, never with fonts, because a headless server may have none.
 *
 * <p>Everything is a function of the seed, so the same seed paints the same pixels, and identical
 * pixels make identical JPEG and G4 bytes.
 */
final class PagePainter {

    private final BufferedImage image;
    private final Graphics2D g;
    private final SplittableRandom random;
    private final double pxPerMm;
    private final boolean bitonal;
    private int paper = 255;

    private PagePainter(PageGeometry geometry, boolean bitonal, long seed) {
        this.bitonal = bitonal;
        this.image = new BufferedImage(geometry.widthPx(), geometry.heightPx(),
                bitonal ? BufferedImage.TYPE_BYTE_BINARY : BufferedImage.TYPE_BYTE_GRAY);
        this.g = image.createGraphics();
        this.random = new SplittableRandom(seed);
        this.pxPerMm = geometry.dpi() / 25.4;
    }

    /** Paints a grayscale (8-bit) or bitonal (1-bit) page. */
    static BufferedImage paint(PageGeometry geometry, PageKind kind, boolean bitonal, long seed) {
        PagePainter painter = new PagePainter(geometry, bitonal, seed);
        try {
            painter.paint(kind);
        } finally {
            painter.g.dispose();
        }
        return painter.image;
    }

    /**
     * Paints a page of known words at their boxes: legibly, with the JDK's sans-serif font stretched
     * to each box (for an OCR engine to read; needs a font on the machine), or as letter-sized
     * blocks inside each box (for tests that need only the boxes; needs no font).
     */
    static BufferedImage paintText(KnownText text, boolean bitonal, boolean legible, long seed) {
        PagePainter painter = new PagePainter(text.geometry(), bitonal, seed);
        try {
            painter.paper = bitonal ? 255 : 240;
            painter.fill(painter.paper, 0, 0, painter.image.getWidth(), painter.image.getHeight());
            for (KnownText.Word w : text.words()) {
                if (legible) {
                    painter.glyphs(w, text.sizePx());
                } else {
                    painter.blocks(w, text.sizePx());
                }
            }
        } finally {
            painter.g.dispose();
        }
        return painter.image;
    }

    private void glyphs(KnownText.Word w, double size) {
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 1)
                .deriveFont((float) size);
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, !bitonal, true);
        java.awt.font.TextLayout layout = new java.awt.font.TextLayout(w.text(), font, frc);
        double advance = layout.getAdvance();
        setGray(bitonal ? 0 : 20);
        if (!bitonal) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        }
        AffineTransform saved = g.getTransform();
        g.translate(w.left(), w.baseline());
        g.scale(Math.min(1.2, (w.right() - w.left()) / advance), 1);
        layout.draw(g, 0, 0);
        g.setTransform(saved);
    }

    private void blocks(KnownText.Word w, double size) {
        int n = w.text().codePointCount(0, w.text().length());
        double advance = (w.right() - w.left()) / (double) n;
        double x = w.left();
        for (int i = 0, c; i < w.text().length(); i += Character.charCount(c)) {
            c = w.text().codePointAt(i);
            boolean tall = Character.isUpperCase(c) || "bdfhklt".indexOf(c) >= 0;
            boolean deep = "gjpqy".indexOf(c) >= 0;
            double top = w.baseline() - (tall ? 0.72 : 0.5) * size;
            double bottom = deep ? Math.min(w.bottom(), w.baseline() + 0.2 * size) : w.baseline();
            fill(bitonal ? 0 : 30, x + advance * 0.1, Math.max(w.top(), top), advance * 0.8,
                    Math.max(1, bottom - Math.max(w.top(), top)));
            x += advance;
        }
    }

    private void paint(PageKind kind) {
        paper = bitonal ? 255 : 236 + random.nextInt(10);
        fill(paper, 0, 0, image.getWidth(), image.getHeight());
        double left = mm(22 + random.nextDouble() * 6);
        double right = image.getWidth() - mm(18 + random.nextDouble() * 4);
        double top = mm(16 + random.nextDouble() * 6);
        double bottom = image.getHeight() - mm(22 + random.nextDouble() * 4);
        int ink = bitonal ? 0 : 25 + random.nextInt(45);
        double xHeight = mm(1.9 + random.nextDouble() * 0.4);
        double pitch = mm(4.5 + random.nextDouble() * 0.8);
        switch (kind) {
            case TEXT -> {
                paragraphs(ink, left, right, top, bottom, xHeight, pitch);
                pageNumber(ink, left, right, bottom, xHeight);
            }
            case LETTER -> {
                double y = letterhead(ink, left, right, top, xHeight, pitch);
                double signatureTop = bottom - mm(40);
                y = paragraphs(ink, left, right, y, signatureTop, xHeight, pitch);
                signature(left, y + pitch);
                if (random.nextDouble() < 0.5) {
                    stamp(right - mm(35), y + mm(18));
                }
                pageNumber(ink, left, right, bottom, xHeight);
            }
            case BLANK -> {
                if (!bitonal && random.nextDouble() < 0.5) {
                    // show-through of the front side: the same kind of text, barely darker than paper
                    paragraphs(paper - 5, left, right, top, bottom, xHeight, pitch);
                }
            }
        }
        if (bitonal) {
            speckles(kind == PageKind.BLANK ? random.nextInt(12) : 5 + random.nextInt(60));
        } else {
            grain();
        }
    }

    /** Lines of words in paragraphs; returns the y below the last line. */
    private double paragraphs(int ink, double left, double right, double top, double bottom,
                              double xHeight, double pitch) {
        double y = top + pitch;
        while (y + pitch < bottom) {
            int lines = 2 + random.nextInt(8);
            for (int line = 0; line < lines && y < bottom; line++) {
                boolean last = line == lines - 1;
                double end = last
                        ? left + (right - left) * (0.15 + random.nextDouble() * 0.7)
                        : right - random.nextDouble() * mm(4);
                words(ink, left + (line == 0 && random.nextBoolean() ? mm(6) : 0), end, y, xHeight);
                y += pitch;
            }
            y += pitch * (0.5 + random.nextDouble() * 0.7);
        }
        return y;
    }

    /** One line of words from {@code x} to about {@code end}, standing on baseline {@code y}. */
    private void words(int ink, double x, double end, double y, double xHeight) {
        double baseline = y + mm((random.nextDouble() - 0.5) * 0.3);
        while (x < end - mm(3)) {
            int letters = 1 + random.nextInt(random.nextDouble() < 0.7 ? 7 : 12);
            for (int i = 0; i < letters && x < end; i++) {
                double width = xHeight * (0.55 + random.nextDouble() * 0.55);
                double letterTop = baseline - xHeight;
                double letterBottom = baseline;
                double shape = random.nextDouble();
                if (shape < 0.28) {
                    letterTop = baseline - xHeight * 1.45; // ascender or capital
                } else if (shape < 0.38) {
                    letterBottom = baseline + xHeight * 0.45; // descender
                }
                int shade = bitonal ? ink : Math.min(255, ink + random.nextInt(25));
                fill(shade, x, letterTop, width, letterBottom - letterTop);
                if (random.nextBoolean() && width >= 4) {
                    // the counter of an o, e or a: more edges, so G4 and JPEG cost what letters cost
                    fill(paper, x + width * 0.3, baseline - xHeight * (0.45 + random.nextDouble()
                            * 0.3), width * 0.4, xHeight * 0.3);
                }
                x += width + mm(0.2 + random.nextDouble() * 0.15);
            }
            x += mm(1.6 + random.nextDouble() * 0.9);
        }
    }

    /** Logo, sender, rule, address block, date and subject; returns where the body starts. */
    private double letterhead(int ink, double left, double right, double top, double xHeight,
                              double pitch) {
        double logo = mm(12 + random.nextDouble() * 6);
        int logoInk = bitonal ? 0 : 60 + random.nextInt(60);
        setGray(logoInk);
        if (random.nextBoolean()) {
            g.fill(new Ellipse2D.Double(right - logo, top, logo, logo));
        } else {
            g.fill(new java.awt.Rectangle((int) (right - logo), (int) top, (int) logo, (int) logo));
        }
        double y = top + pitch;
        for (int i = 0; i < 2; i++) {
            words(ink, left, left + (right - left) * (0.35 + random.nextDouble() * 0.2), y,
                    xHeight * 1.5);
            y += pitch * 1.5;
        }
        y = Math.max(y, top + logo) + mm(2);
        fill(ink, left, y, right - left, Math.max(1, mm(0.4)));
        y += mm(14);
        words(ink, left, left + mm(75), y, xHeight * 0.7);
        y += pitch;
        double dateLine = y;
        for (int i = 0; i < 4; i++) {
            words(ink, left, left + mm(35 + random.nextDouble() * 40), y, xHeight);
            y += pitch;
        }
        words(ink, right - mm(40), right, dateLine, xHeight);
        y += pitch * 2;
        words(ink, left, left + (right - left) * (0.4 + random.nextDouble() * 0.4), y,
                xHeight * 1.25);
        return y + pitch;
    }

    /** A scribble of joined curves, as a handwritten signature looks at a distance. */
    private void signature(double x, double y) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x, y + mm(8));
        double width = mm(40 + random.nextDouble() * 20);
        int strokes = 5 + random.nextInt(6);
        for (int i = 1; i <= strokes; i++) {
            double px = x + width * i / strokes;
            path.curveTo(px - width / strokes * random.nextDouble(), y + mm(random.nextDouble() * 14),
                    px - width / strokes * random.nextDouble(), y + mm(random.nextDouble() * 14),
                    px, y + mm(4 + random.nextDouble() * 8));
        }
        setGray(bitonal ? 0 : 40 + random.nextInt(50));
        g.setStroke(new BasicStroke((float) Math.max(1, mm(0.45)), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        if (!bitonal) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        }
        g.draw(path);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    }

    /** A round office stamp: two rings and a wreath of letters, in lighter ink. */
    private void stamp(double cx, double cy) {
        double r = mm(16 + random.nextDouble() * 4);
        setGray(bitonal ? 0 : 90 + random.nextInt(40));
        g.setStroke(new BasicStroke((float) Math.max(1, mm(0.7))));
        g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        double inner = r - mm(5);
        g.setStroke(new BasicStroke((float) Math.max(1, mm(0.35))));
        g.draw(new Ellipse2D.Double(cx - inner, cy - inner, 2 * inner, 2 * inner));
        AffineTransform saved = g.getTransform();
        int letters = 18 + random.nextInt(8);
        double letterW = Math.max(1, mm(1.6));
        double letterH = Math.max(1, mm(2.4));
        for (int i = 0; i < letters; i++) {
            g.setTransform(saved);
            g.rotate(2 * Math.PI * i / letters, cx, cy);
            g.fill(new java.awt.geom.Rectangle2D.Double(cx - letterW / 2, cy - r + mm(1.3), letterW,
                    letterH));
        }
        g.setTransform(saved);
        fill(bitonal ? 0 : 110, cx - inner * 0.6, cy - mm(1.5), inner * 1.2, Math.max(1, mm(3)));
    }

    private void pageNumber(int ink, double left, double right, double bottom, double xHeight) {
        double middle = (left + right) / 2;
        words(ink, middle - mm(6), middle + mm(6), bottom + mm(10), xHeight * 0.9);
    }

    /** Dust on a bitonal scan: isolated black dots of one to three pixels. */
    private void speckles(int count) {
        setGray(0);
        for (int i = 0; i < count; i++) {
            int size = 1 + random.nextInt(Math.max(1, (int) mm(0.25)));
            g.fillRect(random.nextInt(image.getWidth()), random.nextInt(image.getHeight()), size, size);
        }
    }

    /**
     * Sensor and paper grain on a grayscale scan: a small triangular noise on every pixel, from a
     * xorshift generator because per-pixel calls to SplittableRandom would dominate the run time.
     */
    private void grain() {
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        long state = random.nextLong() | 1L;
        long bits = 0;
        int available = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (available == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                bits = state;
                available = 12;
            }
            // -2..2, mostly 0 and ±1: enough grain to cost a real scan's JPEG bytes, not more
            int noise = (int) (bits & 3) - (int) ((bits >>> 2) & 3);
            noise = noise / 2 + (int) ((bits >>> 4) & 1) * Integer.signum(noise);
            bits >>>= 5;
            available--;
            int value = (pixels[i] & 0xff) + noise;
            pixels[i] = (byte) (value < 0 ? 0 : Math.min(value, 255));
        }
    }

    private void fill(int gray, double x, double y, double width, double height) {
        setGray(gray);
        g.fillRect((int) Math.round(x), (int) Math.round(y),
                Math.max(1, (int) Math.round(width)), Math.max(1, (int) Math.round(height)));
    }

    /**
     * Java 2D's fill loops store {@code (77r + 150g + 29b) / 256} in a TYPE_BYTE_GRAY raster, so a
     * neutral colour lands as its own level (unlike {@code ColorModel.getDataElements}, which
     * would linearise it).
     */
    private void setGray(int gray) {
        g.setColor(new Color(gray, gray, gray));
    }

    private double mm(double millimetres) {
        return millimetres * pxPerMm;
    }
}
