/**
 * Aktenlift's service provider interfaces: the contracts that storage, specialist-procedure,
 * notification, sealing-key and timestamp adapters implement, and their discovery. Depends on the JDK only.
 */
module io.github.aktenlift.spi {
    exports io.github.aktenlift.spi;
    exports io.github.aktenlift.spi.notification;
    exports io.github.aktenlift.spi.procedure;
    exports io.github.aktenlift.spi.sealing;
    exports io.github.aktenlift.spi.storage;

    uses io.github.aktenlift.spi.storage.StorageProvider;
    uses io.github.aktenlift.spi.procedure.SpecialistProcedureProvider;
    uses io.github.aktenlift.spi.notification.NotifierProvider;
    uses io.github.aktenlift.spi.sealing.SealingKeyProvider;
    uses io.github.aktenlift.spi.sealing.TimestampAuthorityProvider;
}
