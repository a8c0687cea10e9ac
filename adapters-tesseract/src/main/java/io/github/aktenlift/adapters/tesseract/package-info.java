/**
 * The {@code tesseract} command as an {@link io.github.aktenlift.spi.ocr.OcrEngine}: {@link
 * io.github.aktenlift.adapters.tesseract.TesseractEngine}.
 */
package io.github.aktenlift.adapters.tesseract;
