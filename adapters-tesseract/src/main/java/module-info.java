/**
 * Aktenlift's Tesseract adapter: the OCR engine SPI implemented by running the {@code tesseract}
 * command, one process per page. Depends on the SPI and the JDK only, never on the core.
 */
module io.github.aktenlift.adapters.tesseract {
    requires transitive io.github.aktenlift.spi;

    exports io.github.aktenlift.adapters.tesseract;
}
