/**
 * Aktenlift's testkit: in-memory adapters for every SPI, contract suites for adapter authors, and
 * a synthetic scan generator, and a test PKI with an in-process RFC 3161 authority.
 */
module io.github.aktenlift.testkit {
    requires transitive io.github.aktenlift.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires java.desktop;
    requires java.management;
    requires jdk.httpserver;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports io.github.aktenlift.testkit;
    exports io.github.aktenlift.testkit.contract;
    exports io.github.aktenlift.testkit.pki;

    // JUnit instantiates the adapter authors' subclasses and calls the suites' methods reflectively.
    opens io.github.aktenlift.testkit.contract to org.junit.platform.commons;

    provides io.github.aktenlift.spi.storage.StorageProvider with io.github.aktenlift.testkit.MemoryProviders.Storages;
    provides io.github.aktenlift.spi.procedure.SpecialistProcedureProvider
            with io.github.aktenlift.testkit.MemoryProviders.Procedures;
    provides io.github.aktenlift.spi.notification.NotifierProvider with io.github.aktenlift.testkit.MemoryProviders.Notifiers;
}
