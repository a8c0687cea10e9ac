/**
 * The OCR engine SPI: recognise the text on a page image, as words with their boxes and the
 * engine's confidence, for pages the scan service delivered without an OCR result. Adapters (such
 * as {@code aktenlift-adapters-tesseract}) implement {@link io.github.aktenlift.spi.ocr.OcrEngine};
 * the core lays the words over the page as an invisible text layer.
 */
package io.github.aktenlift.spi.ocr;
