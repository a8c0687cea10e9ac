/**
 * Aktenlift's testkit: in-memory adapters for every SPI, contract suites for adapter authors, and
 * a synthetic scan generator.
 */
module io.github.aktenlift.testkit {
    requires transitive io.github.aktenlift.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires java.desktop;
    requires java.management;

    exports io.github.aktenlift.testkit;
    exports io.github.aktenlift.testkit.contract;

    // JUnit instantiates the adapter authors' subclasses and calls the suites' methods reflectively.
    opens io.github.aktenlift.testkit.contract to org.junit.platform.commons;

    provides io.github.aktenlift.spi.storage.StorageProvider with io.github.aktenlift.testkit.MemoryProviders.Storages;
    provides io.github.aktenlift.spi.procedure.SpecialistProcedureProvider
            with io.github.aktenlift.testkit.MemoryProviders.Procedures;
    provides io.github.aktenlift.spi.notification.NotifierProvider with io.github.aktenlift.testkit.MemoryProviders.Notifiers;
}
