/**
 * Aktenlift's filesystem adapter: crash-safe storage, a hotfolder specialist procedure and an
 * outbox notifier, all for {@code file:} URIs. Depends on the SPI (and Jackson for JSON), never on
 * the core.
 */
module io.github.aktenlift.adapters.filesystem {
    requires transitive io.github.aktenlift.spi;
    requires com.fasterxml.jackson.databind;

    exports io.github.aktenlift.adapters.filesystem;

    provides io.github.aktenlift.spi.storage.StorageProvider
            with io.github.aktenlift.adapters.filesystem.FilesystemStorageProvider;
    provides io.github.aktenlift.spi.procedure.SpecialistProcedureProvider
            with io.github.aktenlift.adapters.filesystem.HotfolderProcedureProvider;
    provides io.github.aktenlift.spi.notification.NotifierProvider
            with io.github.aktenlift.adapters.filesystem.OutboxNotifierProvider;
}
