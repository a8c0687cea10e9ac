/**
 * Aktenlift's service provider interfaces: the contracts that storage, specialist-procedure and
 * notification adapters implement. Depends on the JDK only.
 */
module io.github.aktenlift.spi {
    exports io.github.aktenlift.spi;
    exports io.github.aktenlift.spi.storage;
}
