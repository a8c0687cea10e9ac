package io.github.aktenlift.examples.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import io.github.aktenlift.inventory.LabelSheet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads labels back as a scanner would: renders each page with PDFBox at 300 dpi, cuts it into the
 * label cells of the sheet, and decodes each cell's Code 128 symbol with ZXing.
 */
final class LabelDecoder {

    private LabelDecoder() {
    }

    /** @return the decoded barcodes in label order, {@code null} for a cell without a readable symbol */
    static List<String> decode(byte[] pdf) throws IOException {
        List<String> codes = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                BufferedImage page = renderer.renderImageWithDPI(p, 300, ImageType.GRAY);
                int w = page.getWidth() / LabelSheet.COLUMNS;
                int h = page.getHeight() / LabelSheet.ROWS;
                for (int row = 0; row < LabelSheet.ROWS; row++) {
                    for (int col = 0; col < LabelSheet.COLUMNS; col++) {
                        codes.add(cell(page.getSubimage(col * w, row * h, w, h)));
                    }
                }
            }
        }
        return codes;
    }

    private static String cell(BufferedImage cell) {
        int[] rgb = cell.getRGB(0, 0, cell.getWidth(), cell.getHeight(), null, 0, cell.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(cell.getWidth(), cell.getHeight(), rgb)));
        try {
            return new Code128Reader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                    DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128))).getText();
        } catch (NotFoundException | FormatException e) {
            return null;
        }
    }
}
