/**
 * Aktenlift's testkit: in-memory adapters for every SPI, contract suites for adapter authors, and
 * a synthetic scan generator.
 */
module io.github.aktenlift.testkit {
    requires transitive io.github.aktenlift.spi;
    requires java.desktop;
    requires static org.junit.jupiter.api;
    requires static org.assertj.core;

    exports io.github.aktenlift.testkit;
}
