package io.github.aktenlift.adapters.tesseract;

import io.github.aktenlift.spi.ocr.OcrException;
import io.github.aktenlift.spi.ocr.OcrRequest;
import io.github.aktenlift.spi.ocr.RecognisedPage;
import io.github.aktenlift.spi.ocr.RecognisedWord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Tesseract's TSV output: a header line, then one row per page, block, paragraph, line and
 * word ({@code level 1..5}) with {@code left top width height conf text}; words are level 5, their
 * line the triple of block, paragraph and line numbers, numbered here in order of appearance.
 */
final class TsvReader {

    private TsvReader() {
    }

    static RecognisedPage read(String tsv, OcrRequest request, String engine, String name) throws OcrException {
        List<RecognisedWord> words = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        int width = request.width();
        int height = request.height();
        boolean header = true;
        for (String row : tsv.split("\n")) {
            if (row.isBlank()) {
                continue;
            }
            if (header) {
                if (!row.startsWith("level\t")) {
                    throw new OcrException(OcrException.Kind.BAD_OUTPUT, "tesseract's TSV for " + name + " has no header");
                }
                header = false;
                continue;
            }
            String[] f = row.split("\t", 12);
            if (f.length < 11) {
                throw new OcrException(OcrException.Kind.BAD_OUTPUT, "a row of tesseract's TSV for " + name
                        + " has " + f.length + " fields");
            }
            try {
                int level = Integer.parseInt(f[0]);
                int left = Integer.parseInt(f[6]);
                int top = Integer.parseInt(f[7]);
                int w = Integer.parseInt(f[8]);
                int h = Integer.parseInt(f[9]);
                if (level == 1) {
                    width = w;
                    height = h;
                }
                String text = f.length > 11 ? f[11].strip() : "";
                double conf = Double.parseDouble(f[10]);
                if (level != 5 || text.isEmpty() || conf < 0 || w < 1 || h < 1) {
                    continue;
                }
                String key = f[2] + "/" + f[3] + "/" + f[4];
                int line = lines.computeIfAbsent(key, k -> lines.size() + 1);
                int right = Math.min(left + w, width);
                int bottom = Math.min(top + h, height);
                if (left < 0 || top < 0 || right <= left || bottom <= top) {
                    continue;
                }
                words.add(new RecognisedWord(text, line, left, top, right, bottom, Math.min(1, conf / 100.0)));
            } catch (NumberFormatException e) {
                throw new OcrException(OcrException.Kind.BAD_OUTPUT, "a row of tesseract's TSV for " + name
                        + " has a field that is not a number");
            }
        }
        if (header) {
            throw new OcrException(OcrException.Kind.BAD_OUTPUT, "tesseract wrote nothing for " + name);
        }
        return new RecognisedPage(width, height, words, engine);
    }
}
