package io.github.aktenlift.textlayer;

/**
 * The formats a delivered OCR result may have.
 *
 * @since 0.2
 */
public enum OcrFormat {
    /** ALTO XML, versions 2, 3 and 4 (Library of Congress), one {@code Page} per file. */
    ALTO,
    /** hOCR: XHTML with {@code ocr_page}, {@code ocr_line} and {@code ocrx_word} elements, one page per file. */
    HOCR
}
